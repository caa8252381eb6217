import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createMongoClient, pingMongo } from './data-access/mongo.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const mongo = createMongoClient(config.MONGODB_URL);
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'mongodb', check: () => pingMongo(mongo, config.MONGODB_DATABASE) }],
    }),
    closers: [() => mongo.close()],
  };
};
