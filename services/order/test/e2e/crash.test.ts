import { randomUUID } from 'node:crypto';
import type { OrderView } from '@pasar/contracts';
import { eventually, type AppProcess } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatusIn, startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

/**
 * The order app as a process of its own, SIGKILLed right after it committed but before its answer
 * left: once after placing an order (the client never hears back and retries with its
 * Idempotency-Key), once after applying the payment callback (the payment app calls again).
 */
describe('the order app killed between its commit and its answer', () => {
  let system: TestSystem;
  let order: AppProcess;

  beforeAll(async () => {
    system = await startSystem({ orderAsProcess: true });
    order = system.orderProcess!;
  });

  afterAll(async () => {
    await system?.stop();
  });

  const place = (customerId: string, body: unknown, idempotencyKey: string) =>
    system.orders('POST', '/orders', { customerId, body, headers: { 'idempotency-key': idempotencyKey } });
  const ordersOf = async (customerId: string) =>
    (await system.orderSchema.pool.query('select * from orders where customer_id = $1', [customerId])).rows;
  const paymentsOf = async (orderId: string) =>
    (await system.paymentSchema!.pool.query('select * from payments where order_id = $1', [orderId])).rows;

  it('when it dies after committing a new order, then the retry with the same Idempotency-Key gets that order, and it is paid once', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 32_000, currency: 'IDR' }, stock: 10 });
    const key = randomUUID();
    const body = { items: [{ productId: product.id, quantity: 3 }] };
    const killed = order.killOnAnswer((request) => request.method === 'POST' && request.path === '/orders');

    const lost = await place(customer.id, body, key).catch((error: unknown) => error);
    await killed;
    await order.restart();
    const retried = await place(customer.id, body, key);

    expect(lost instanceof Response ? lost.status : 'no answer').not.toBe(201);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    const stored = await ordersOf(customer.id);
    expect(stored).toMatchObject([{ id: ((await retried.json()) as OrderView).id }]);
    expect(system.product.stockOf(product.id)).toBe(7);
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, stored[0].id)).toBe('PAID'));
    expect(await paymentsOf(stored[0].id)).toHaveLength(1);
  });

  it("when the answer to a placed order is lost on its way (the app lives), then daprd's retry carries the same key and gets the same order", async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 12_000, currency: 'IDR' }, stock: 10 });
    const key = randomUUID();
    const dropped = order.dropAnswer((request) => request.method === 'POST' && request.path === '/orders');

    const answer = await place(customer.id, { items: [{ productId: product.id, quantity: 2 }] }, key);
    await dropped;

    expect(answer.status).toBe(201);
    expect(answer.headers.get('idempotent-replayed')).toBe('true');
    expect(await ordersOf(customer.id)).toHaveLength(1);
    expect(system.product.stockOf(product.id)).toBe(8);
  });

  it('when it dies after applying a declined payment (order cancelled, stock released), then the repeated callback changes nothing', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 41_013, currency: 'IDR' }, stock: 4 });
    const killed = order.killOnAnswer(
      (request) => request.method === 'POST' && /^\/internal\/orders\/[^/]+\/payment-status$/.test(request.path),
    );

    const placed = (await (
      await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] }, randomUUID())
    ).json()) as OrderView;
    await killed;
    const [atTheCrash] = await ordersOf(customer.id);
    await order.restart();

    expect(atTheCrash).toMatchObject({
      id: placed.id,
      status: 'CANCELLED',
      failure_reason: 'card declined',
      stock_released_at: expect.any(Date),
    });
    await eventually(async () => expect((await paymentsOf(placed.id))[0]).toMatchObject({ status: 'FAILED', callback_state: 'DONE' }));
    const callbacks = order.requests.filter((request) => request.path === `/internal/orders/${placed.id}/payment-status`);
    expect(callbacks.length).toBeGreaterThanOrEqual(2);
    expect(await ordersOf(customer.id)).toEqual([atTheCrash]);
    expect(system.product.stockOf(product.id)).toBe(4);
    expect(system.product.reservationOf(placed.id)).toBe('RELEASED');
  });
});
