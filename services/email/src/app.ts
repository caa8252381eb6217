import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createSmtpMailer, createSmtpTransport } from './data-access/smtp.ts';
import { createNotifier } from './domain/notify.ts';
import { emailSubscriptions } from './events/subscriptions.ts';
import { emailApi } from './routes/api-description.ts';

/** Stateless: order and payment events in, mails out. Nothing is stored. */
export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const smtp = createSmtpTransport(config);
  const notifier = createNotifier(dapr, createSmtpMailer(smtp, config.MAIL_FROM), config.MESSAGE_ID_DOMAIN);
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'smtp', check: () => smtp.verify() }],
      subscriptions: emailSubscriptions(notifier),
      api: emailApi,
    }),
    closers: [() => smtp.close()],
  };
};
