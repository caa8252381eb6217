import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';

/** The gateway has no store of its own: it is ready when its sidecar is. Routes come with the gateway issue. */
export const buildService: BuildService<Config> = (_config, { logger, dapr }) => ({
  app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)] }),
});
