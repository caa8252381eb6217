import { randomUUID } from 'node:crypto';
import { Topic } from '@pasar/contracts';
import {
  brokers,
  eventually,
  oneLineOrderEvent,
  startAppProcess,
  type AppProcess,
  type OrderStandIn,
  type ScratchSchema,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPaymentUnderTest, type PaymentUnderTest } from '../support/payment-under-test.ts';
import { paymentRecords } from '../support/records.ts';

/**
 * The payment app as a process of its own, SIGKILLed the moment it has handled order-created but
 * before its acknowledgement reaches the sidecar: the broker must deliver the message again, and
 * the second delivery must find the work done, not do it twice.
 */
describe.each(brokers)('the payment app killed between its write and its acknowledgement (%s)', (broker) => {
  let underTest: PaymentUnderTest<AppProcess>;
  let schema: ScratchSchema;
  let orderPeer: OrderStandIn;
  let payment: AppProcess;

  beforeAll(async () => {
    underTest = await startPaymentUnderTest({
      broker,
      schemaPrefix: 'payment_crash',
      start: ({ nameResolutionDb, schema: { url } }) =>
        startAppProcess({
          appId: `payment-${randomUUID().slice(0, 8)}`,
          broker,
          entry: 'services/payment/src/main.ts',
          nameResolutionDb,
          env: { DATABASE_URL: url, PROVIDER_DELAY_MS: '300', CALLBACK_POLL_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '200' },
        }),
    });
    ({ schema, orderPeer, payment } = underTest);
  });

  afterAll(() => underTest?.stop());

  const { paymentsOf, statusMessagesOf } = paymentRecords(() => schema.pool);
  const chargesOf = async (orderId: string) =>
    (await schema.pool.query('select * from provider_simulator_charges where reference = $1', [orderId])).rows;

  it('when it dies after recording the payment, then the redelivered order-created finds it: one payment, one charge, one callback, one message', async () => {
    const message = oneLineOrderEvent(26_000);
    const killed = payment.killOnAnswer((request) => request.eventId === message.eventId);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await killed;
    const atTheCrash = await paymentsOf(message.orderId);
    await payment.restart();

    expect(atTheCrash).toMatchObject([{ status: 'PENDING', provider_charge_id: expect.any(String) }]);
    await eventually(
      async () => expect((await paymentsOf(message.orderId))[0]).toMatchObject({ status: 'SUCCEEDED', callback_state: 'DONE' }),
      { timeoutMs: 45_000 },
    );
    const deliveries = () => payment.requests.filter((request) => request.eventId === message.eventId).length;
    await eventually(() => expect(deliveries()).toBeGreaterThanOrEqual(2), { timeoutMs: 45_000 });
    expect(await paymentsOf(message.orderId)).toHaveLength(1);
    expect(await chargesOf(message.orderId)).toMatchObject([{ charge_id: atTheCrash[0].provider_charge_id }]);
    expect(orderPeer.received.filter((callback) => callback.orderId === message.orderId)).toHaveLength(1);
    await eventually(async () => expect(await statusMessagesOf(message.orderId)).toMatchObject([{ published_at: expect.any(Date) }]));
  });

  it('when it stays down for a while and more order-created messages arrive meanwhile, then each is handled once it is back', async () => {
    const first = oneLineOrderEvent(27_000);
    const second = oneLineOrderEvent(28_000);
    const killed = payment.killOnAnswer((request) => request.eventId === first.eventId);

    await orderPeer.app.dapr.publish(Topic.orderCreated, first);
    await killed;
    const sinceTheCrash = payment.requests.length;
    await orderPeer.app.dapr.publish(Topic.orderCreated, second);
    // Down until its sidecar has seen it fail the health probe as often as its threshold (2): second then waits.
    await eventually(
      () => expect(payment.requests.slice(sinceTheCrash).filter((request) => request.path === '/healthz').length).toBeGreaterThanOrEqual(2),
      { timeoutMs: 30_000 },
    );
    await payment.restart();

    for (const message of [first, second]) {
      await eventually(
        async () => expect(await paymentsOf(message.orderId)).toMatchObject([{ status: 'SUCCEEDED', callback_state: 'DONE' }]),
        { timeoutMs: 45_000 },
      );
    }
  });
});
