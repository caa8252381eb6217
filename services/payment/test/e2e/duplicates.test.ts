import { randomUUID } from 'node:crypto';
import { Topic } from '@pasar/contracts';
import { eventually, oneLineOrderEvent, type AppUnderTest, type OrderStandIn, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProviderSimulator } from '../../src/provider-simulator/provider-simulator.ts';
import { signatureOf, SIGNATURE_HEADER } from '../../src/domain/provider.ts';
import { startPaymentApp, TEST_WEBHOOK_SECRET } from '../../../../tests/support/payment-app.ts';
import { startPaymentUnderTest, type PaymentUnderTest } from '../support/payment-under-test.ts';
import { paymentRecords } from '../support/records.ts';

/**
 * At-least-once everywhere: order-created twice or at once, webhooks replayed or forged, callbacks
 * that fail. The payment app runs beside a real sidecar with its provider simulator; the order app
 * is a stand-in that records the callbacks it gets.
 */
describe('the payment service under duplicates and failures', () => {
  let underTest: PaymentUnderTest<AppUnderTest>;
  let schema: ScratchSchema;
  let orderPeer: OrderStandIn;
  let payment: AppUnderTest;
  let simulator: ProviderSimulator;

  beforeAll(async () => {
    underTest = await startPaymentUnderTest({
      broker: 'redis',
      schemaPrefix: 'payment_test',
      start: async ({ nameResolutionDb, schema: { url } }) => {
        const started = await startPaymentApp({
          broker: 'redis',
          nameResolutionDb,
          databaseUrl: url,
          env: { CALLBACK_POLL_INTERVAL_MS: '200' },
        });
        simulator = started.simulator;
        return started.app;
      },
    });
    ({ schema, orderPeer, payment } = underTest);
  });

  afterAll(() => underTest?.stop());

  const { paymentsOf, statusMessagesOf } = paymentRecords(() => schema.pool);
  const refundsOf = async (chargeId: string) =>
    (await schema.pool.query('select * from provider_simulator_refunds where charge_id = $1', [chargeId])).rows;
  const callbacksOf = (orderId: string) => orderPeer.received.filter((c) => c.orderId === orderId);
  const postWebhook = (body: string, signature: string | undefined) =>
    fetch(`${payment.sidecar.url}/v1.0/invoke/${payment.appId}/method/webhooks/provider`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature && { [SIGNATURE_HEADER]: signature }) },
      body,
    });
  const settled = async (orderId: string) => {
    await eventually(async () => expect((await paymentsOf(orderId))[0]?.callback_state).toBe('DONE'));
    return (await paymentsOf(orderId))[0];
  };

  it('when order-created arrives twice in a row and three times at once, then the order has exactly one payment, one callback and one status message', async () => {
    const message = oneLineOrderEvent(20_000);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await Promise.all([1, 2, 3].map(() => orderPeer.app.dapr.publish(Topic.orderCreated, message)));

    const stored = await settled(message.orderId);
    expect(stored).toMatchObject({ status: 'SUCCEEDED', amount: '20000' });
    expect(await paymentsOf(message.orderId)).toHaveLength(1);
    expect(callbacksOf(message.orderId)).toEqual([{ orderId: message.orderId, paymentId: stored.id, status: 'SUCCEEDED' }]);
    await eventually(async () => expect((await statusMessagesOf(message.orderId))[0]?.published_at).toBeInstanceOf(Date));
    expect(await statusMessagesOf(message.orderId)).toHaveLength(1);
  });

  it('when a declined charge is settled, then the callback and message say FAILED with the reason', async () => {
    const message = oneLineOrderEvent(30_013);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);

    expect(await settled(message.orderId)).toMatchObject({ status: 'FAILED', failure_reason: 'card declined' });
    expect(callbacksOf(message.orderId)).toMatchObject([{ status: 'FAILED', reason: 'card declined' }]);
    expect((await statusMessagesOf(message.orderId))[0]?.payload).toMatchObject({
      status: 'FAILED',
      reason: 'card declined',
      amount: { amount: 30_013 },
    });
  });

  it('when the provider replays a webhook, then nothing changes', async () => {
    const message = oneLineOrderEvent(21_000);
    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    const before = await settled(message.orderId);

    const replays = await Promise.all([1, 2].map(() => simulator.replayWebhook(before.provider_charge_id)));

    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    expect((await paymentsOf(message.orderId))[0]).toEqual(before);
    expect(await statusMessagesOf(message.orderId)).toHaveLength(1);
    expect(callbacksOf(message.orderId)).toHaveLength(1);
  });

  it('when a webhook has a bad or missing signature, then it is refused with 401 and nothing changes', async () => {
    const message = oneLineOrderEvent(22_099);
    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await eventually(async () => expect((await paymentsOf(message.orderId))[0]?.provider_charge_id).toEqual(expect.any(String)));
    const before = (await paymentsOf(message.orderId))[0];
    const body = JSON.stringify({
      eventId: randomUUID(),
      chargeId: before.provider_charge_id,
      outcome: 'APPROVED',
      occurredAt: new Date().toISOString(),
    });

    const forged = await postWebhook(body, signatureOf('not-the-secret-at-all', body));
    const unsigned = await postWebhook(body, undefined);
    const tampered = await postWebhook(body.replace('APPROVED', 'DECLINED'), signatureOf(TEST_WEBHOOK_SECRET, body));

    expect([forged.status, unsigned.status, tampered.status]).toEqual([401, 401, 401]);
    expect(forged.headers.get('content-type')).toContain('application/problem+json');
    expect((await paymentsOf(message.orderId))[0]).toEqual(before);
    expect(before.status).toBe('PENDING');
  });

  it('when a signed webhook names an unknown charge, then the answer is 404; when its body is bad, 400', async () => {
    const unknown = JSON.stringify({
      eventId: randomUUID(),
      chargeId: 'ch_nobody',
      outcome: 'APPROVED',
      occurredAt: new Date().toISOString(),
    });
    const bad = JSON.stringify({ eventId: 'x', outcome: 'MAYBE' });

    const notFound = await postWebhook(unknown, signatureOf(TEST_WEBHOOK_SECRET, unknown));
    const invalid = await postWebhook(bad, signatureOf(TEST_WEBHOOK_SECRET, bad));

    expect(notFound.status).toBe(404);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual([
      'eventId',
      'chargeId',
      'outcome',
      'occurredAt',
    ]);
  });

  it('when the order service keeps failing the callback, then it stays pending and is delivered once the order service recovers', async () => {
    orderPeer.failNext(8);
    const message = oneLineOrderEvent(23_000);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);

    await eventually(async () =>
      expect((await paymentsOf(message.orderId))[0]).toMatchObject({
        status: 'SUCCEEDED',
        callback_state: 'PENDING',
        callback_last_error: expect.any(String),
      }),
    );
    const stored = await settled(message.orderId);
    expect(stored.callback_attempts).toBeGreaterThan(1);
    expect(callbacksOf(message.orderId)).toHaveLength(1);
  });

  it('when the order service refuses a succeeded payment (409), then it is refunded once: REFUNDED, with one REFUNDED payment-status message', async () => {
    orderPeer.failNext(1, 409);
    const message = oneLineOrderEvent(24_000);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);

    await eventually(
      async () => expect((await paymentsOf(message.orderId))[0]).toMatchObject({ status: 'REFUNDED', callback_state: 'REJECTED' }),
      { timeoutMs: 30_000 },
    );
    const [stored] = await paymentsOf(message.orderId);
    expect(stored).toMatchObject({
      refund_reason: 'the order was cancelled before the payment arrived',
      provider_refund_id: expect.stringMatching(/^re_/),
      refund_attempts: 1,
      refunded_at: expect.any(Date),
    });
    expect(await refundsOf(stored.provider_charge_id)).toMatchObject([
      { refund_id: stored.provider_refund_id, idempotency_key: `refund:${stored.id}` },
    ]);
    expect(callbacksOf(message.orderId)).toHaveLength(0);
    await eventually(async () => expect((await statusMessagesOf(message.orderId)).every((m) => m.published_at instanceof Date)).toBe(true));
    expect((await statusMessagesOf(message.orderId)).map((m) => [m.payload.status, m.payload.reason])).toEqual([
      ['SUCCEEDED', undefined],
      ['REFUNDED', 'the order was cancelled before the payment arrived'],
    ]);
    expect((await statusMessagesOf(message.orderId))[1].payload).toMatchObject({
      paymentId: stored.id,
      customerId: message.customerId,
      amount: { amount: 24_000, currency: 'IDR' },
    });
  });

  it('when the provider replays the REFUNDED webhook, then nothing changes', async () => {
    orderPeer.failNext(1, 409);
    const message = oneLineOrderEvent(24_500);
    await orderPeer.app.dapr.publish(Topic.orderCreated, message);
    await eventually(async () => expect((await paymentsOf(message.orderId))[0]?.status).toBe('REFUNDED'), { timeoutMs: 30_000 });
    const [before] = await paymentsOf(message.orderId);

    const replays = await Promise.all([1, 2].map(() => simulator.replayRefundWebhook(before.provider_charge_id)));

    expect(replays.map((r) => r.status)).toEqual([200, 200]);
    expect((await paymentsOf(message.orderId))[0]).toEqual(before);
    expect(await statusMessagesOf(message.orderId)).toHaveLength(2);
    expect(await refundsOf(before.provider_charge_id)).toHaveLength(1);
  });

  it('when the order service refuses a failed payment (409), then the callback is REJECTED, not retried, and nothing is refunded', async () => {
    orderPeer.failNext(1, 409);
    const message = oneLineOrderEvent(25_013);

    await orderPeer.app.dapr.publish(Topic.orderCreated, message);

    await eventually(async () => expect((await paymentsOf(message.orderId))[0]?.callback_state).toBe('REJECTED'));
    expect((await paymentsOf(message.orderId))[0]).toMatchObject({ status: 'FAILED', refund_next_at: null });
    const chargeId = (await paymentsOf(message.orderId))[0].provider_charge_id;
    expect(await refundsOf(chargeId)).toEqual([]);
    expect(callbacksOf(message.orderId)).toHaveLength(0);
    await expect(simulator.refund({ chargeId, idempotencyKey: randomUUID() })).rejects.toThrow(/refuses to refund/);
  });
});
