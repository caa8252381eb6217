import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { deadLettersOf } from '@pasar/dead-letters';
import { DropMessage, subscribeWithSchema } from '@pasar/service-kit';
import { brokers, eventually, repoRoot, stackEnv, startSubscriberApp, waitForSubscriptions, type AppUnderTest } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const run = promisify(execFile);

/**
 * `npm run dlq`, as an operator uses it: a message its subscriber could not handle is dropped to the
 * dead-letter topic, the cause is fixed, the tool replays it, and it is applied once.
 */
describe.each(brokers)('dead letters on %s', (broker) => {
  const topic = `dlq-${randomUUID().slice(0, 8)}`;
  const Parcel = z.object({ eventId: z.uuid(), weightGrams: z.number() });
  const applied: string[] = [];
  let handlerFixed = false;
  let subscriber: AppUnderTest;

  const dlq = async (...args: string[]) =>
    (
      await run(process.execPath, [path.join(repoRoot, 'scripts/run/dead-letters.ts'), ...args], {
        env: { ...process.env, ...stackEnv(), PASAR_BROKER: broker },
      })
    ).stdout;

  beforeAll(async () => {
    const deadLetters = await deadLettersOf(broker, stackEnv());
    await deadLetters.keepDeadLetters([topic]);
    await deadLetters.close();
    subscriber = await startSubscriberApp({
      appId: `dlq-subscriber-${topic}`,
      broker,
      subscriptions: [
        subscribeWithSchema(topic, Parcel, async (parcel) => {
          if (!handlerFixed) throw new DropMessage('parcels are not handled yet');
          if (!applied.includes(parcel.eventId)) applied.push(parcel.eventId);
        }),
      ],
    });
    await waitForSubscriptions(subscriber, 1);
  });
  afterAll(async () => subscriber?.stop());

  it('when a message was dropped and the cause is fixed, then a replay applies it once, with its own event id', async () => {
    const parcel = { eventId: randomUUID(), weightGrams: 1200 };
    await subscriber.dapr.publishUnchecked(topic, parcel, parcel.eventId);

    await eventually(async () => expect(await dlq('list', topic)).toContain(parcel.eventId), { timeoutMs: 30_000, intervalMs: 500 });
    expect(JSON.parse(await dlq('show', topic, parcel.eventId))).toMatchObject({ id: parcel.eventId, data: parcel });
    handlerFixed = true;

    expect(await dlq('replay', topic)).toContain(`replayed 1 message(s) to ${topic} on ${broker}: ${parcel.eventId}`);

    await eventually(() => expect(applied).toEqual([parcel.eventId]), { timeoutMs: 30_000 });
    expect(await dlq('list', topic)).toContain(`${topic}.dead-letter on ${broker}: 0 message(s)`);
    expect(await dlq('replay', topic)).toContain('replayed 0 message(s)');
  });
});
