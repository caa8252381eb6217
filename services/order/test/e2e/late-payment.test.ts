import { eventually } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatusIn, startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

/**
 * A payment approved after its order timed out: the real order and payment apps (the provider
 * simulator answering later than the order waits) beside real sidecars. The order is cancelled and
 * its stock released; the late approval is refused by the order service and refunded.
 */
describe('a payment that arrives after its order was cancelled', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // The provider answers (approves, then refunds) well after the order has given up waiting.
    system = await startSystem({
      orderEnv: { PAYMENT_TIMEOUT_MS: '1000' },
      paymentEnv: { PROVIDER_DELAY_MS: '4000', REFUND_POLL_INTERVAL_MS: '300' },
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  const paymentOf = async (orderId: string) =>
    (await system.paymentSchema!.pool.query('select * from payments where order_id = $1', [orderId])).rows[0];

  it('when the approval comes after the payment timeout, then the order stays CANCELLED, its stock is back and the payment is REFUNDED', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 40_000, currency: 'IDR' }, stock: 4 });

    const placed = await system.orders('POST', '/orders', {
      customerId: customer.id,
      body: { items: [{ productId: product.id, quantity: 2 }] },
    });
    const { id: orderId } = (await placed.json()) as { id: string };

    expect(placed.status).toBe(201);
    expect(system.product.stockOf(product.id)).toBe(2);
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, orderId)).toBe('CANCELLED'), { timeoutMs: 15_000 });
    await eventually(() => expect(system.product.stockOf(product.id)).toBe(4));
    expect((await paymentOf(orderId))?.status).toBe('PENDING');

    await eventually(async () => expect(await paymentOf(orderId)).toMatchObject({ status: 'REFUNDED', callback_state: 'REJECTED' }), {
      timeoutMs: 45_000,
    });
    const { rows: messages } = await system.paymentSchema!.pool.query(
      `select payload from outbox where payload->>'orderId' = $1 order by id`,
      [orderId],
    );
    expect(messages.map((m) => m.payload.status)).toEqual(['SUCCEEDED', 'REFUNDED']);
    expect(messages[1].payload).toMatchObject({
      amount: { amount: 80_000, currency: 'IDR' },
      reason: 'the order was cancelled before the payment arrived',
    });
    const read = (await (await system.orders('GET', `/orders/${orderId}`, { customerId: customer.id })).json()) as {
      status: string;
      failureReason: string;
    };
    expect(read).toMatchObject({ status: 'CANCELLED', failureReason: 'payment timed out' });
    expect(system.product.stockOf(product.id)).toBe(4);
    expect(system.product.reservationOf(orderId)).toBe('RELEASED');
  });
});
