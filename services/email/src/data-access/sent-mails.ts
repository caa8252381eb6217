import { AppError, type DaprClient, type StateEntry, type StateStore } from '@pasar/service-kit';
import type { Mailer, OutgoingMail } from '../domain/notify.ts';

export const STATE_STORE = 'statestore';
/** Longer than any redelivery (a replay of a dead letter after this may mail again). */
const REMEMBER_SENT_MAIL_SECONDS = 14 * 24 * 3600;
/** A claim older than this belongs to a delivery that died before it could finish: another may take over. */
export const CLAIM_EXPIRES_MS = 30_000;

/** `claimedAt` while a delivery is sending the mail; `sentAt` once it went out. */
export interface MailRecord {
  claimedAt: string;
  sentAt?: string;
}

/**
 * A mailer that sends each Message-ID once, even when two deliveries of one event run at the same
 * time (a broker restart can hand a message to a second consumer while the first still works on
 * it). A delivery first claims the Message-ID in the Dapr state store (create-if-absent); only the
 * claimant sends, and records the send. A delivery that finds a live claim fails, so the broker
 * brings the message back later, when the record says it was sent. Only a crash between the send
 * and the record can still send a copy; the shared Message-ID then lets mail clients fold it.
 */
export function mailingOnce(mailer: Mailer, dapr: DaprClient, now: () => number = Date.now): Mailer {
  return mailingOnceOver(mailer, dapr.stateStore<MailRecord>(STATE_STORE), now);
}

export function mailingOnceOver(mailer: Mailer, records: StateStore<MailRecord>, now: () => number = Date.now): Mailer {
  const remember = { ttlSeconds: REMEMBER_SENT_MAIL_SECONDS };

  /** The claim and its ETag, or undefined when another delivery holds it (or the mail went out). */
  const claim = async (messageId: string): Promise<StateEntry<MailRecord> | undefined> => {
    const claimed = { claimedAt: new Date(now()).toISOString() };
    const existing = await records.get(messageId);
    if (!existing) return (await records.create(messageId, claimed, remember)) ? records.get(messageId) : undefined;
    if (existing.value.sentAt || now() - Date.parse(existing.value.claimedAt) < CLAIM_EXPIRES_MS) return undefined;
    // The claimant died: take over, unless another delivery did so first (409).
    await records.save(messageId, claimed, { ...remember, etag: existing.etag });
    return records.get(messageId);
  };

  return {
    async send(mail: OutgoingMail) {
      const claimed = await claim(mail.messageId);
      if (!claimed) return failUnlessSent(records, mail.messageId);
      try {
        await mailer.send(mail);
      } catch (error) {
        await records.delete(mail.messageId, { etag: claimed.etag }).catch(() => undefined);
        throw error;
      }
      // Conditional, as every write over a key that was created first-write must be (the store refuses others).
      await records.save(mail.messageId, { ...claimed.value, sentAt: new Date(now()).toISOString() }, { ...remember, etag: claimed.etag });
    },
  };
}

/** Done when the other delivery has sent it; otherwise fail, so this one is redelivered and looks again. */
async function failUnlessSent(records: StateStore<MailRecord>, messageId: string): Promise<void> {
  if ((await records.get(messageId))?.value.sentAt) return;
  throw AppError.conflict(`mail ${messageId} is being sent by another delivery of the same event; try again later`);
}
