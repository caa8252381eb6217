import { randomUUID } from 'node:crypto';
import { Topic, type OrderCreatedV1 } from '@pasar/contracts';
import { brokers, createScratchSchema, eventually, isolatedNameResolution, startAppProcess, type AppProcess, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainOrderCreatedBacklog, waitForSubscriptions } from '../../../order/test/support/system.ts';
import { startOrderPeer, type OrderPeer } from '../support/order-peer.ts';

/**
 * The payment app as a process of its own, SIGKILLed the moment it has handled order-created but
 * before its acknowledgement reaches the sidecar: the broker must deliver the message again, and
 * the second delivery must find the work done, not do it twice.
 */
describe.each(brokers)('the payment app killed between its write and its acknowledgement (%s)', (broker) => {
  let schema: ScratchSchema;
  let orderPeer: OrderPeer;
  let payment: AppProcess;

  beforeAll(async () => {
    const nameResolutionDb = isolatedNameResolution();
    schema = await createScratchSchema('payment_crash');
    orderPeer = await startOrderPeer({ broker, nameResolutionDb });
    payment = await startAppProcess({
      appId: `payment-${randomUUID().slice(0, 8)}`,
      broker,
      entry: 'services/payment/src/main.ts',
      nameResolutionDb,
      env: { DATABASE_URL: schema.url, PROVIDER_DELAY_MS: '300', CALLBACK_POLL_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '200' },
    });
    await waitForSubscriptions(payment, 1);
    await drainOrderCreatedBacklog(orderPeer.app, schema);
  });

  afterAll(async () => {
    await payment?.stop();
    await orderPeer?.stop();
    await schema?.drop();
  });

  const orderCreated = (amount: number): OrderCreatedV1 => ({
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(), orderId: randomUUID(), customerId: randomUUID(),
    items: [{ productId: randomUUID(), sku: 'SKU-1', name: 'Kopi', quantity: 1, unitPrice: { amount, currency: 'IDR' } }],
    total: { amount, currency: 'IDR' },
    shippingAddress: { recipient: 'Siti', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
  });
  const rowsOf = async (sql: string, orderId: string) => (await schema.pool.query(sql, [orderId])).rows;
  const paymentsOf = (orderId: string) => rowsOf('select * from payments where order_id = $1', orderId);
  const chargesOf = (orderId: string) => rowsOf('select * from provider_simulator_charges where reference = $1', orderId);
  const statusMessagesOf = (orderId: string) => rowsOf(`select * from outbox where payload->>'orderId' = $1`, orderId);

  it('when it dies after recording the payment, then the redelivered order-created finds it: one payment, one charge, one callback, one message', async () => {
    const message = orderCreated(26_000);
    const killed = payment.killOnAnswer((request) => request.eventId === message.eventId);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await killed;
    const atTheCrash = await paymentsOf(message.orderId);
    await payment.restart();

    expect(atTheCrash).toMatchObject([{ status: 'PENDING', provider_charge_id: expect.any(String) }]);
    await eventually(async () => expect((await paymentsOf(message.orderId))[0]).toMatchObject({ status: 'SUCCEEDED', callback_state: 'DONE' }), { timeoutMs: 45_000 });
    const deliveries = () => payment.requests.filter((request) => request.eventId === message.eventId).length;
    await eventually(() => expect(deliveries()).toBeGreaterThanOrEqual(2), { timeoutMs: 45_000 });
    expect(await paymentsOf(message.orderId)).toHaveLength(1);
    expect(await chargesOf(message.orderId)).toMatchObject([{ charge_id: atTheCrash[0].provider_charge_id }]);
    expect(orderPeer.received.filter((callback) => callback.orderId === message.orderId)).toHaveLength(1);
    await eventually(async () => expect(await statusMessagesOf(message.orderId)).toMatchObject([{ published_at: expect.any(Date) }]));
  });

  it('when it stays down for a while and more order-created messages arrive meanwhile, then each is handled once it is back', async () => {
    const first = orderCreated(27_000);
    const second = orderCreated(28_000);
    const killed = payment.killOnAnswer((request) => request.eventId === first.eventId);

    await orderPeer.app.dapr.publish(Topic.orderCreated, first);
    await killed;
    await orderPeer.app.dapr.publish(Topic.orderCreated, second);
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await payment.restart();

    for (const message of [first, second]) {
      await eventually(async () => expect(await paymentsOf(message.orderId)).toMatchObject([{ status: 'SUCCEEDED', callback_state: 'DONE' }]), { timeoutMs: 45_000 });
    }
  });
});
