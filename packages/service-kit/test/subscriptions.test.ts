import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deliver, DropMessage, subscribe, subscribeWithSchema, subscriptionManifest } from '../src/subscriptions.ts';

const logger = pino({ level: 'silent' });
const Schema = z.object({ n: z.number() });
const cloudEvent = (data: unknown) => ({ id: 'event-1', specversion: '1.0', data });

describe('deliver maps every outcome to an explicit Dapr status', () => {
  it('when the handler succeeds, then SUCCESS, and the handler got the parsed message', async () => {
    const seen: unknown[] = [];
    const subscription = subscribeWithSchema('t', Schema, async (m) => void seen.push(m));

    expect(await deliver(subscription, cloudEvent({ n: 1 }), logger)).toBe('SUCCESS');
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('when the handler throws, then RETRY (never an acknowledged loss)', async () => {
    const subscription = subscribeWithSchema('t', Schema, async () => {
      throw new Error('database down');
    });

    expect(await deliver(subscription, cloudEvent({ n: 1 }), logger)).toBe('RETRY');
  });

  it('when the handler throws a non-Error value, then RETRY too', async () => {
    const subscription = subscribeWithSchema('t', Schema, () => Promise.reject('a string'));

    expect(await deliver(subscription, cloudEvent({ n: 1 }), logger)).toBe('RETRY');
  });

  it('when the handler throws DropMessage, then DROP', async () => {
    const subscription = subscribeWithSchema('t', Schema, async () => {
      throw new DropMessage('unknown customer');
    });

    expect(await deliver(subscription, cloudEvent({ n: 1 }), logger)).toBe('DROP');
  });

  it('when the payload does not match the schema, then DROP, and the handler never runs', async () => {
    let called = false;
    const subscription = subscribeWithSchema('t', Schema, async () => {
      called = true;
    });

    expect(await deliver(subscription, cloudEvent({ n: 'x' }), logger)).toBe('DROP');
    expect(await deliver(subscription, { id: 'no data' }, logger)).toBe('DROP');
    expect(await deliver(subscription, undefined, logger)).toBe('DROP');
    expect(called).toBe(false);
  });

  it('when the handler runs, then it sees the CloudEvent id', async () => {
    let seenId: string | undefined;
    const subscription = subscribeWithSchema('t', Schema, async (_m, context) => {
      seenId = context.cloudEventId;
    });

    await deliver(subscription, cloudEvent({ n: 1 }), logger);

    expect(seenId).toBe('event-1');
  });
});

describe('subscription manifest', () => {
  it('declares a dead-letter topic per topic unless told not to', () => {
    const manifest = subscriptionManifest([
      subscribeWithSchema('orders', Schema, async () => {}),
      subscribeWithSchema('orders.dead-letter', Schema, async () => {}, { deadLetterTopic: false }),
    ]);

    expect(manifest).toEqual([
      { pubsubname: 'pubsub', topic: 'orders', route: '/events/orders', deadLetterTopic: 'orders.dead-letter' },
      { pubsubname: 'pubsub', topic: 'orders.dead-letter', route: '/events/orders.dead-letter' },
    ]);
  });

  it("a topic of the design is validated with that topic's contract", async () => {
    const subscription = subscribe('customer-logged-in', async () => {});

    expect(await deliver(subscription, cloudEvent({ customerId: 'not-a-uuid' }), logger)).toBe('DROP');
  });
});
