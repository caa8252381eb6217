import { AppError, type StateEntry, type StateStore } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '../../src/domain/notify.ts';
import { CLAIM_EXPIRES_MS, mailingOnceOver, type MailRecord } from '../../src/data-access/sent-mails.ts';

/**
 * Keys, values and ETags in memory, answering as the Redis state store does: a stale ETag is a 409,
 * and a write without an ETag over a key that exists is refused (daprd: a 500, the kit: a 503).
 */
function inMemoryStore(): StateStore<MailRecord> & { entries: Map<string, StateEntry<MailRecord>> } {
  const entries = new Map<string, StateEntry<MailRecord>>();
  let version = 0;
  const put = (key: string, value: MailRecord) => void entries.set(key, { value, etag: String(++version) });
  return {
    entries,
    async get(key) {
      return entries.get(key);
    },
    async save(key, value, options = {}) {
      if (options.etag === undefined && entries.has(key)) throw AppError.unavailable('failed to set key: it exists');
      if (options.etag !== undefined && entries.get(key)?.etag !== options.etag) throw AppError.conflict('ETag mismatch');
      put(key, value);
    },
    async create(key, value) {
      if (entries.has(key)) return false;
      put(key, value);
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
  };
}

/** A mailer that takes its time, so that two deliveries overlap. */
function slowMailer(): Mailer & { sent: string[]; failNext?: boolean } {
  const mailer = {
    sent: [] as string[],
    failNext: false,
    async send(mail: OutgoingMail) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (mailer.failNext) {
        mailer.failNext = false;
        throw new Error('SMTP refused');
      }
      mailer.sent.push(mail.messageId);
    },
  };
  return mailer;
}

const aMail = (messageId = '<event-1@pasar.test>'): OutgoingMail => ({
  messageId,
  to: 'siti@example.com',
  subject: 'Pesanan',
  text: 'Halo',
  html: '<p>Halo</p>',
});

describe('mailing each Message-ID once', () => {
  it('when two deliveries of one event run at the same time, then one mail goes out and the other delivery fails to be retried', async () => {
    const mailer = slowMailer();
    const mailing = mailingOnceOver(mailer, inMemoryStore());

    const outcomes = await Promise.allSettled([mailing.send(aMail()), mailing.send(aMail())]);

    expect(mailer.sent).toEqual(['<event-1@pasar.test>']);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('when the retried delivery comes back after the mail went out, then it succeeds without mailing', async () => {
    const mailer = slowMailer();
    const mailing = mailingOnceOver(mailer, inMemoryStore());
    await mailing.send(aMail());

    await mailing.send(aMail());

    expect(mailer.sent).toHaveLength(1);
  });

  it('when the claimant died before sending, then after the claim expires another delivery sends the mail', async () => {
    const store = inMemoryStore();
    let clock = Date.parse('2026-11-30T10:00:00Z');
    await store.create('<event-1@pasar.test>', { claimedAt: new Date(clock).toISOString() });
    const mailer = slowMailer();
    const mailing = mailingOnceOver(mailer, store, () => clock);

    await expect(mailing.send(aMail())).rejects.toMatchObject({ status: 409 });
    clock += CLAIM_EXPIRES_MS + 1;
    await mailing.send(aMail());

    expect(mailer.sent).toEqual(['<event-1@pasar.test>']);
    expect(store.entries.get('<event-1@pasar.test>')?.value.sentAt).toBeDefined();
  });

  it('when sending fails, then the claim is given back and the next delivery sends the mail', async () => {
    const mailer = slowMailer();
    const mailing = mailingOnceOver(mailer, inMemoryStore());
    mailer.failNext = true;

    await expect(mailing.send(aMail())).rejects.toThrow('SMTP refused');
    await mailing.send(aMail());

    expect(mailer.sent).toEqual(['<event-1@pasar.test>']);
  });

  it('when a record from before claims existed says the mail was sent, then nothing is sent again', async () => {
    const store = inMemoryStore();
    store.entries.set('<event-1@pasar.test>', { value: { sentAt: '2026-11-01T00:00:00Z' } as MailRecord, etag: '1' });
    const mailer = slowMailer();

    await mailingOnceOver(mailer, store).send(aMail());

    expect(mailer.sent).toEqual([]);
  });
});
