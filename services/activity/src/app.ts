import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { pingInflux } from './data-access/influx.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => ({
  app: createServiceApp({
    logger,
    readiness: [sidecarCheck(dapr), { name: 'influxdb', check: () => pingInflux(config.INFLUXDB_URL) }],
  }),
});
