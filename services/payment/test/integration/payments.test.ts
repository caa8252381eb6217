import { randomUUID } from 'node:crypto';
import { createScratchSchema, oneLineOrderEvent, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createDueWorkRepository, type DueWorkRepository } from '../../src/data-access/due-work-repository.ts';
import { createPaymentsRepository, type PaymentsRepository } from '../../src/data-access/payments-repository.ts';
import type { PaymentProvider } from '../../src/domain/provider.ts';
import { createPaymentSettler } from '../../src/domain/settle-payment.ts';
import { createPaymentStarter } from '../../src/domain/start-payment.ts';
import { refundKeyOf } from '../../src/jobs/refund-relay.ts';

/** A gateway stand-in that counts charges and refunds per idempotency key, as a real one would deduplicate them. */
function countingProvider(options: { failRefunds?: number } = {}) {
  const charges = new Map<string, number>();
  const refunds = new Map<string, number>();
  let refundFailures = options.failRefunds ?? 0;
  const provider: PaymentProvider = {
    async charge({ idempotencyKey }) {
      charges.set(idempotencyKey, (charges.get(idempotencyKey) ?? 0) + 1);
      return { chargeId: `ch_${idempotencyKey}` };
    },
    async refund({ chargeId, idempotencyKey }) {
      refunds.set(idempotencyKey, (refunds.get(idempotencyKey) ?? 0) + 1);
      if (refundFailures-- > 0) throw new Error('gateway unavailable');
      return { refundId: `re_${chargeId}` };
    },
  };
  return { provider, charges, refunds };
}

describe('payments in PostgreSQL', () => {
  let schema: ScratchSchema;
  let payments: PaymentsRepository;
  let dueWork: DueWorkRepository;

  beforeAll(async () => {
    schema = await createScratchSchema('payment_repo_test', { migrationsDirectory: MIGRATIONS_DIRECTORY, outbox: true });
    payments = createPaymentsRepository(schema.pool);
    dueWork = createDueWorkRepository(schema.pool);
  });

  afterAll(async () => {
    await schema?.drop();
  });

  const orderCreated = () => oneLineOrderEvent(9_000);

  it('when the same order-created is handled ten times at once, then there is one payment and it is charged under one key', async () => {
    const { provider, charges } = countingProvider();
    const startPayment = createPaymentStarter({ payments, provider });
    const message = orderCreated();

    const started = await Promise.all(Array.from({ length: 10 }, () => startPayment(message)));

    expect(new Set(started.map((p) => p.id)).size).toBe(1);
    const { rows } = await schema.pool.query('select id, provider_charge_id from payments where order_id = $1', [message.orderId]);
    expect(rows).toEqual([{ id: started[0]!.id, provider_charge_id: `ch_${started[0]!.id}` }]);
    expect([...charges.keys()]).toEqual([started[0]!.id]);
  });

  it('when the same webhook is settled concurrently, then the payment is final once, with one message and one pending callback', async () => {
    const { provider } = countingProvider();
    const payment = await createPaymentStarter({ payments, provider })(orderCreated());
    let settledCount = 0;
    const settle = createPaymentSettler({ payments, onSettled: () => void settledCount++ });
    const webhook = {
      eventId: randomUUID(),
      chargeId: payment.providerChargeId!,
      outcome: 'DECLINED' as const,
      reason: 'card declined',
      occurredAt: new Date().toISOString(),
    };

    await Promise.all(Array.from({ length: 5 }, () => settle(webhook)));
    await settle({ ...webhook, eventId: randomUUID(), outcome: 'APPROVED' });

    expect(settledCount).toBe(1);
    expect(await payments.findById(payment.id)).toMatchObject({ status: 'FAILED', failureReason: 'card declined' });
    const { rows } = await schema.pool.query(`select payload->>'status' as status from outbox where payload->>'paymentId' = $1`, [
      payment.id,
    ]);
    expect(rows).toEqual([{ status: 'FAILED' }]);
  });

  /** A payment whose charge succeeded and whose callback the order service refused for good. */
  const refusedSucceededPayment = async (provider: PaymentProvider) => {
    const payment = await createPaymentStarter({ payments, provider })(orderCreated());
    await createPaymentSettler({ payments, onSettled: () => {} })({
      eventId: randomUUID(),
      chargeId: payment.providerChargeId!,
      outcome: 'APPROVED',
      occurredAt: new Date().toISOString(),
    });
    await dueWork.withDueCallbacks(100, async (due) =>
      due.payment.id === payment.id ? { kind: 'rejected', error: 'HTTP 409' } : { kind: 'retry', delayMs: 0, error: 'not this test' },
    );
    return payment;
  };
  /** One refund relay cycle that asks only for this payment's refund (other tests' payments wait). */
  const refundRelayOnce = (provider: PaymentProvider, paymentId: string) =>
    dueWork.withDueRefunds(100, async ({ payment }) => {
      if (payment.id !== paymentId) return { kind: 'retry', delayMs: 60_000, error: 'not this test' };
      const { refundId } = await provider
        .refund({ chargeId: payment.providerChargeId!, idempotencyKey: refundKeyOf(payment.id) })
        .catch(() => ({ refundId: '' }));
      return refundId ? { kind: 'requested', refundId } : { kind: 'retry', delayMs: 0, error: 'gateway unavailable' };
    });

  it('when the order service refuses a succeeded payment, then the same transaction makes it REFUND_PENDING; a refused failed one stays FAILED', async () => {
    const { provider } = countingProvider();
    const succeeded = await refusedSucceededPayment(provider);
    const failed = await createPaymentStarter({ payments, provider })(orderCreated());
    await createPaymentSettler({ payments, onSettled: () => {} })({
      eventId: randomUUID(),
      chargeId: failed.providerChargeId!,
      outcome: 'DECLINED',
      occurredAt: new Date().toISOString(),
    });
    await dueWork.withDueCallbacks(100, async () => ({ kind: 'rejected', error: 'HTTP 409' }));

    expect(await payments.findById(succeeded.id)).toMatchObject({
      status: 'REFUND_PENDING',
      refundReason: 'the order was cancelled before the payment arrived',
      providerRefundId: null,
    });
    expect(await payments.findById(failed.id)).toMatchObject({ status: 'FAILED', refundReason: null });
    const { rows } = await schema.pool.query('select callback_state from payments where id = any($1)', [[succeeded.id, failed.id]]);
    expect(rows).toEqual([{ callback_state: 'REJECTED' }, { callback_state: 'REJECTED' }]);
  });

  it('when a refund request fails, then it is asked again later under the same key until the provider accepts it, and never after', async () => {
    const { provider, refunds } = countingProvider({ failRefunds: 1 });
    const payment = await refusedSucceededPayment(provider);

    await refundRelayOnce(provider, payment.id);
    expect(await payments.findById(payment.id)).toMatchObject({ status: 'REFUND_PENDING', providerRefundId: null });
    await refundRelayOnce(provider, payment.id);
    await refundRelayOnce(provider, payment.id);

    expect(await payments.findById(payment.id)).toMatchObject({
      status: 'REFUND_PENDING',
      providerRefundId: `re_${payment.providerChargeId}`,
    });
    expect([...refunds]).toEqual([[refundKeyOf(payment.id), 2]]);
  });

  it('when the REFUNDED webhook comes, concurrently and again, then the payment is REFUNDED once with one REFUNDED message', async () => {
    const { provider } = countingProvider();
    const payment = await refusedSucceededPayment(provider);
    await refundRelayOnce(provider, payment.id);
    const settle = createPaymentSettler({ payments, onSettled: () => {} });
    const webhook = {
      eventId: randomUUID(),
      chargeId: payment.providerChargeId!,
      refundId: `re_${payment.providerChargeId}`,
      outcome: 'REFUNDED' as const,
      occurredAt: new Date().toISOString(),
    };

    await Promise.all([1, 2, 3].map(() => settle(webhook)));
    await settle({ ...webhook, eventId: randomUUID() });

    expect(await payments.findById(payment.id)).toMatchObject({ status: 'REFUNDED', refundedAt: expect.any(Date) });
    const { rows } = await schema.pool.query(`select payload from outbox where payload->>'paymentId' = $1 order by id`, [payment.id]);
    expect(rows.map((r) => [r.payload.status, r.payload.reason])).toEqual([
      ['SUCCEEDED', undefined],
      ['REFUNDED', 'the order was cancelled before the payment arrived'],
    ]);
  });

  it('when a REFUNDED webhook names a payment that is not waiting for a refund, then nothing changes', async () => {
    const { provider } = countingProvider();
    const payment = await createPaymentStarter({ payments, provider })(orderCreated());
    await createPaymentSettler({ payments, onSettled: () => {} })({
      eventId: randomUUID(),
      chargeId: payment.providerChargeId!,
      outcome: 'APPROVED',
      occurredAt: new Date().toISOString(),
    });

    await createPaymentSettler({ payments, onSettled: () => {} })({
      eventId: randomUUID(),
      chargeId: payment.providerChargeId!,
      outcome: 'REFUNDED',
      occurredAt: new Date().toISOString(),
    });

    expect(await payments.findById(payment.id)).toMatchObject({ status: 'SUCCEEDED', refundedAt: null });
  });
});
