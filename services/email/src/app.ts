import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createSmtpTransport } from './data-access/smtp.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const smtp = createSmtpTransport(config);
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'smtp', check: () => smtp.verify() }],
    }),
    closers: [() => smtp.close()],
  };
};
