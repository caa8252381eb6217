import type { DaprClient } from '@pasar/service-kit';
import type { Mailer } from '../domain/notify.ts';

export const STATE_STORE = 'statestore';
/** Longer than any redelivery (a replay of a dead letter after this may mail again). */
const REMEMBER_SENT_MAIL_SECONDS = 14 * 24 * 3600;

/**
 * A mailer that sends each Message-ID once: the Dapr state store remembers what went out, so an
 * event delivered again (its acknowledgement was lost, a broker restarted) is not mailed twice.
 * Only a crash between the send and the record can still send a copy; the shared Message-ID then
 * lets mail clients fold it.
 */
export function mailingOnce(mailer: Mailer, dapr: DaprClient): Mailer {
  const sent = dapr.stateStore<{ sentAt: string }>(STATE_STORE);
  return {
    async send(mail) {
      if (await sent.get(mail.messageId)) return;
      await mailer.send(mail);
      await sent.save(mail.messageId, { sentAt: new Date().toISOString() }, { ttlSeconds: REMEMBER_SENT_MAIL_SECONDS });
    },
  };
}
