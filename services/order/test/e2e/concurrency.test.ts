import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

/** Many customers racing for the last units: the reservation is the arbiter, never the order table. */
describe('orders racing for the last units', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await startSystem({ withPayment: false });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('when 200 orders race for the last 50 units, then exactly 50 succeed, the rest get 409, and the stock ends at 0', async () => {
    const product = system.product.addProduct({ stock: 50 });
    const customers = Array.from({ length: 20 }, () => system.customer.addCustomer());

    const statuses = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const response = await system.orders('POST', '/orders', {
          customerId: customers[i % customers.length]!.id,
          body: { items: [{ productId: product.id, quantity: 1 }] },
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );

    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 409)).toHaveLength(150);
    expect(system.product.stockOf(product.id)).toBe(0);
    const { rows } = await system.orderSchema.pool.query<{ orders: string; messages: string }>(
      `select (select count(*) from orders) as orders, (select count(*) from outbox where topic = 'order-created') as messages`,
    );
    expect(rows[0]).toEqual({ orders: '50', messages: '50' });
  });
});
