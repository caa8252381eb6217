import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { randomUUID } from 'node:crypto';
import type { OrderCreatedV1 } from '@pasar/contracts';
import { handleOnce, migrate } from '@pasar/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createPaymentsRepository, type PaymentsRepository } from '../../src/data-access/payments-repository.ts';
import type { PaymentProvider } from '../../src/domain/provider.ts';
import { createPaymentSettler } from '../../src/domain/settle-payment.ts';
import { createPaymentStarter } from '../../src/domain/start-payment.ts';

/** A gateway stand-in that counts charges per idempotency key, as a real one would deduplicate them. */
function countingProvider() {
  const charges = new Map<string, number>();
  const provider: PaymentProvider = {
    async charge({ idempotencyKey }) {
      charges.set(idempotencyKey, (charges.get(idempotencyKey) ?? 0) + 1);
      return { chargeId: `ch_${idempotencyKey}` };
    },
  };
  return { provider, charges };
}

describe('payments in PostgreSQL', () => {
  let schema: ScratchSchema;
  let payments: PaymentsRepository;

  beforeAll(async () => {
    schema = await createScratchSchema('payment_repo_test');
    await migrate(schema.pool, { directory: MIGRATIONS_DIRECTORY });
    payments = createPaymentsRepository(schema.pool);
  });

  afterAll(async () => {
    await schema?.drop();
  });

  const orderCreated = (): OrderCreatedV1 => ({
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(), orderId: randomUUID(), customerId: randomUUID(),
    items: [{ productId: randomUUID(), sku: 'S', name: 'N', quantity: 1, unitPrice: { amount: 9_000, currency: 'IDR' } }],
    total: { amount: 9_000, currency: 'IDR' },
    shippingAddress: { recipient: 'Siti', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
  });

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
    const webhook = { eventId: randomUUID(), chargeId: payment.providerChargeId!, outcome: 'DECLINED' as const, reason: 'card declined', occurredAt: new Date().toISOString() };

    await Promise.all(Array.from({ length: 5 }, () => settle(webhook)));
    await settle({ ...webhook, eventId: randomUUID(), outcome: 'APPROVED' });

    expect(settledCount).toBe(1);
    expect(await payments.findById(payment.id)).toMatchObject({ status: 'FAILED', failureReason: 'card declined' });
    const { rows } = await schema.pool.query(`select payload->>'status' as status from outbox where payload->>'paymentId' = $1`, [payment.id]);
    expect(rows).toEqual([{ status: 'FAILED' }]);
  });

  it('when an event is handled through the inbox twice, then its work runs once', async () => {
    const eventId = randomUUID();
    let runs = 0;

    const results = await Promise.all([1, 2, 3].map(() => handleOnce(schema.pool, eventId, 'test', async () => ++runs)));

    expect(runs).toBe(1);
    expect(results.filter((r) => r !== undefined)).toEqual([1]);
  });
});
