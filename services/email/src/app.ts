import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createPeers } from './data-access/peers.ts';
import { mailingOnce } from './data-access/sent-mails.ts';
import { createSmtpMailer, createSmtpTransport } from './data-access/smtp.ts';
import { createNotifier } from './domain/notify.ts';
import { emailApi } from './routes/api-description.ts';
import { emailSubscriptions } from './subscriptions/index.ts';

/** Order and payment events in, mails out. It stores nothing of its own; the sidecar's state store remembers which mails went out. */
export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const smtp = createSmtpTransport(config);
  const notifier = createNotifier(createPeers(dapr), mailingOnce(createSmtpMailer(smtp, config.MAIL_FROM), dapr), config.MESSAGE_ID_DOMAIN);
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
