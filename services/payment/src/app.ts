import { createPool, pingPostgres } from '@pasar/postgres';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const pool = createPool(config.DATABASE_URL, 'payment');
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'postgres', check: () => pingPostgres(pool) }],
    }),
    closers: [() => pool.end()],
  };
};
