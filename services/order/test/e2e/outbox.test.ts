import { randomUUID } from 'node:crypto';
import { Topic, type OrderCreatedV1 } from '@pasar/contracts';
import { startOutboxRelay, type OutboxPublisher } from '@pasar/postgres';
import { DaprClient, subscribe } from '@pasar/service-kit';
import { eventually, freePort, startSubscriberApp, waitForSubscriptions, type AppUnderTest } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

/** A publisher whose target the test switches: first a sidecar that is not there, then the real one. */
class SwitchablePublisher implements OutboxPublisher {
  target: OutboxPublisher;

  constructor(target: OutboxPublisher) {
    this.target = target;
  }

  publishUnchecked(topic: string, data: unknown, eventId?: string) {
    return this.target.publishUnchecked(topic, data, eventId);
  }
}

/** The order outbox: a committed order always gets its order-created message out, exactly once per event. */
describe('the order outbox', () => {
  let system: TestSystem;
  let watcher: AppUnderTest;
  let publisher: SwitchablePublisher;
  const received: OrderCreatedV1[] = [];

  beforeAll(async () => {
    const closedPort = await freePort();
    publisher = new SwitchablePublisher(new DaprClient({ host: '127.0.0.1', httpPort: closedPort, timeoutMs: 500 }));
    system = await startSystem({ withPayment: false, orderPublisher: publisher });
    const watcherId = `order-watch-${randomUUID().slice(0, 8)}`;
    watcher = await startSubscriberApp({
      appId: watcherId,
      broker: 'redis',
      nameResolutionDb: system.nameResolutionDb,
      subscriptions: [subscribe(Topic.orderCreated, async (m) => void received.push(m))],
    });
    await waitForSubscriptions(watcher, 1);
  });

  afterAll(async () => {
    await watcher?.stop();
    await system?.stop();
  });

  const placeOrder = async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct();
    const response = await system.orders('POST', '/orders', {
      customerId: customer.id,
      body: { items: [{ productId: product.id, quantity: 1 }] },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const outboxRowOf = async (orderId: string) =>
    (
      await system.orderSchema.pool.query<{ published_at: Date | null; attempts: number; last_error: string | null }>(
        `select published_at, attempts, last_error from outbox where payload->>'orderId' = $1`,
        [orderId],
      )
    ).rows;
  const receivedFor = (orderId: string) => received.filter((m) => m.orderId === orderId);

  it('when the order commits while publishing is impossible, then the message waits, and goes out once publishing works again', async () => {
    const orderId = await placeOrder();

    await eventually(async () =>
      expect((await outboxRowOf(orderId))[0]).toMatchObject({
        published_at: null,
        attempts: expect.any(Number),
        last_error: expect.any(String),
      }),
    );
    expect((await outboxRowOf(orderId))[0]!.attempts).toBeGreaterThan(0);
    expect(receivedFor(orderId)).toHaveLength(0);

    publisher.target = system.order.dapr;

    await eventually(() => expect(receivedFor(orderId)).toHaveLength(1), { timeoutMs: 30_000 });
    // The relay marks its batch after publishing it: the subscriber may be quicker than that commit.
    await eventually(async () => expect((await outboxRowOf(orderId))[0]!.published_at).toBeInstanceOf(Date));
    // A later message arriving means the relay moved past the first one: it was not sent again.
    const later = await placeOrder();
    await eventually(() => expect(receivedFor(later)).toHaveLength(1));
    expect(receivedFor(orderId)).toHaveLength(1);
    expect(receivedFor(orderId)[0]).toMatchObject({ orderId, version: 1, total: { amount: 15_000 } });
  });

  it('when the relay stops with messages unpublished, then a relay started later (a restart) publishes them', async () => {
    publisher.target = new DaprClient({ host: '127.0.0.1', httpPort: await freePort(), timeoutMs: 500 });
    const orderId = await placeOrder();
    await system.order.stop();

    const restarted = startOutboxRelay({ pool: system.orderSchema.pool, publisher: watcher.dapr, pollIntervalMs: 200 });
    try {
      await eventually(() => expect(receivedFor(orderId)).toHaveLength(1), { timeoutMs: 30_000 });
      await eventually(async () => expect((await outboxRowOf(orderId))[0]!.published_at).toBeInstanceOf(Date));
    } finally {
      await restarted.stop();
    }
  });
});
