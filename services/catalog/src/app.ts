import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createElasticsearchClient, pingElasticsearch } from './data-access/elasticsearch.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const elasticsearch = createElasticsearchClient(config.ELASTICSEARCH_URL);
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'elasticsearch', check: () => pingElasticsearch(elasticsearch) }],
    }),
    closers: [() => elasticsearch.close()],
  };
};
