import { randomUUID } from 'node:crypto';
import type { OrderView } from '@pasar/contracts';
import { eventually } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatusIn, startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

/**
 * Whole journeys over real sidecars and PostgreSQL: the real order and payment apps (with the
 * payment provider simulator answering on the webhook) and stand-in product and customer apps.
 * The simulator approves every amount except those ending in 13 (declined) and 99 (never answered).
 */
describe('placing an order, end to end', () => {
  let system: TestSystem;

  beforeAll(async () => {
    // Long enough for an approval on a loaded machine, short enough to watch a timeout happen.
    system = await startSystem({ orderEnv: { PAYMENT_TIMEOUT_MS: '8000' } });
  });

  afterAll(async () => {
    await system?.stop();
  });

  const place = async (customerId: string, body: unknown, headers?: Record<string, string>) => {
    const response = await system.orders('POST', '/orders', { customerId, body, ...(headers && { headers }) });
    return { status: response.status, body: (await response.json()) as OrderView & { errors?: Array<{ field: string }>; detail?: string } };
  };
  const orderCount = async () => Number((await system.orderSchema.pool.query('select count(*) from orders')).rows[0].count);
  const outboxCount = async () => Number((await system.orderSchema.pool.query('select count(*) from outbox')).rows[0].count);

  it('when a customer orders and the payment is approved, then the order becomes PAID at the time price', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 25_000, currency: 'IDR' }, stock: 10 });

    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 2 }] });

    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: 'PENDING_PAYMENT', total: { amount: 50_000, currency: 'IDR' }, customerId: customer.id });
    expect(placed.body.items[0]).toMatchObject({ productId: product.id, quantity: 2, unitPrice: { amount: 25_000 } });
    expect(system.product.stockOf(product.id)).toBe(8);
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('PAID'));
    const read = await system.orders('GET', `/orders/${placed.body.id}`, { customerId: customer.id });
    expect(await read.json()).toMatchObject({ status: 'PAID', paymentId: expect.any(String) });
    expect(system.product.stockOf(product.id)).toBe(8);
  });

  it('when the payment is declined, then the order goes PAYMENT_FAILED, then CANCELLED, and the stock is back', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 10_013, currency: 'IDR' }, stock: 5 });

    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] });

    expect(placed.status).toBe(201);
    expect(system.product.stockOf(product.id)).toBe(4);
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('CANCELLED'));
    const read = (await (await system.orders('GET', `/orders/${placed.body.id}`, { customerId: customer.id })).json()) as OrderView;
    expect(read.failureReason).toBe('card declined');
    expect(system.product.stockOf(product.id)).toBe(5);
    expect(system.product.reservationOf(placed.body.id)).toBe('RELEASED');
  });

  it('when no payment outcome comes within the timeout, then the order is CANCELLED and its stock released', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 10_033, currency: 'IDR' }, stock: 3 });

    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 3 }] });

    expect(placed.body.total.amount).toBe(30_099);

    expect(placed.status).toBe(201);
    expect(system.product.stockOf(product.id)).toBe(0);
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('CANCELLED'), { timeoutMs: 30_000 });
    await eventually(() => expect(system.product.stockOf(product.id)).toBe(3));
  });

  it('when there is not enough stock, then the answer is 409 and nothing is written', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ stock: 1 });
    const [ordersBefore, outboxBefore] = [await orderCount(), await outboxCount()];

    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 2 }] });

    expect(placed.status).toBe(409);
    expect(placed.body.detail).toMatch(/out of stock/i);
    expect(placed.body.errors?.[0]?.field).toBe('items.0.productId');
    expect([await orderCount(), await outboxCount()]).toEqual([ordersBefore, outboxBefore]);
    expect(system.product.stockOf(product.id)).toBe(1);
  });

  it('when the customer is unknown, then the answer is 422 and nothing is written', async () => {
    const product = system.product.addProduct();
    const before = await orderCount();

    const placed = await place(randomUUID(), { items: [{ productId: product.id, quantity: 1 }] });

    expect(placed.status).toBe(422);
    expect(await orderCount()).toBe(before);
    expect(system.product.stockOf(product.id)).toBe(100);
  });

  it('when a product is unknown or not for sale, then the answer is 422 naming its line', async () => {
    const customer = system.customer.addCustomer();
    const inactive = system.product.addProduct({ active: false });

    const placed = await place(customer.id, {
      items: [
        { productId: inactive.id, quantity: 1 },
        { productId: randomUUID(), quantity: 1 },
      ],
    });

    expect(placed.status).toBe(422);
    expect(placed.body.errors?.map((e) => e.field)).toEqual(['items.0.productId', 'items.1.productId']);
  });

  it('when the customer has no default address and none is given, then the answer is 422 naming shippingAddress', async () => {
    const customer = system.customer.addCustomer(null);
    const product = system.product.addProduct();

    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] });

    expect(placed.status).toBe(422);
    expect(placed.body.errors?.map((e) => e.field)).toEqual(['shippingAddress']);
    expect(system.product.stockOf(product.id)).toBe(100);
  });

  it('when a request is retried with the same Idempotency-Key, then the same order comes back and only one exists', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const key = randomUUID();

    const first = await place(customer.id, body, { 'idempotency-key': key });
    const retries = await Promise.all([1, 2, 3].map(() => place(customer.id, body, { 'idempotency-key': key })));

    expect(first.status).toBe(201);
    for (const retry of retries) expect(retry).toMatchObject({ status: 201, body: { id: first.body.id } });
    const { rows } = await system.orderSchema.pool.query('select id from orders where customer_id = $1', [customer.id]);
    expect(rows).toHaveLength(1);
    expect(system.product.stockOf(product.id)).toBe(9);
  });

  it('when concurrent first requests share an Idempotency-Key, then exactly one order exists and no stock leaks', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ stock: 10 });
    const body = { items: [{ productId: product.id, quantity: 1 }] };
    const key = randomUUID();

    const answers = await Promise.all(Array.from({ length: 5 }, () => place(customer.id, body, { 'idempotency-key': key })));

    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(system.product.stockOf(product.id)).toBe(9);
  });

  it('when the same Idempotency-Key comes with another body, then the answer is 422', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct();
    const key = randomUUID();
    await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] }, { 'idempotency-key': key });

    const other = await place(customer.id, { items: [{ productId: product.id, quantity: 2 }] }, { 'idempotency-key': key });

    expect(other.status).toBe(422);
  });

  it('when the payment callback is repeated, then nothing changes', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct();
    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] });
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('PAID'));
    const {
      rows: [before],
    } = await system.orderSchema.pool.query('select * from orders where id = $1', [placed.body.id]);

    const callback = (status: string) =>
      system.orders('POST', `/internal/orders/${placed.body.id}/payment-status`, { body: { paymentId: before.payment_id, status } });
    const again = await callback('SUCCEEDED');
    const contrary = await callback('FAILED');

    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ orderId: placed.body.id, status: 'PAID' });
    expect(contrary.status).toBe(409);
    const {
      rows: [after],
    } = await system.orderSchema.pool.query('select * from orders where id = $1', [placed.body.id]);
    expect(after).toEqual(before);
  });

  it('when payment callbacks come again or out of order after a decline, then the cancelled order stays as it is', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 5_013, currency: 'IDR' }, stock: 2 });
    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] });
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('CANCELLED'));
    const {
      rows: [before],
    } = await system.orderSchema.pool.query('select * from orders where id = $1', [placed.body.id]);
    const callback = (status: string) =>
      system.orders('POST', `/internal/orders/${placed.body.id}/payment-status`, {
        body: { paymentId: before.payment_id, status, reason: 'card declined' },
      });

    const repeatedFailure = await callback('FAILED');
    const lateSuccess = await callback('SUCCEEDED');

    expect(repeatedFailure.status).toBe(200);
    expect(await repeatedFailure.json()).toEqual({ orderId: placed.body.id, status: 'CANCELLED' });
    expect(lateSuccess.status).toBe(409);
    const {
      rows: [after],
    } = await system.orderSchema.pool.query('select * from orders where id = $1', [placed.body.id]);
    expect(after).toEqual(before);
    expect(system.product.stockOf(product.id)).toBe(2);
  });

  it("when a customer asks for their orders, then they get theirs only, newest first, page by page; another's order is 404", async () => {
    const customer = system.customer.addCustomer();
    const someoneElse = system.customer.addCustomer();
    const product = system.product.addProduct();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] })).body.id);
    const theirs = (await place(someoneElse.id, { items: [{ productId: product.id, quantity: 1 }] })).body.id;

    const first = (await (await system.orders('GET', '/orders?limit=2', { customerId: customer.id })).json()) as {
      items: OrderView[];
      nextCursor: string;
    };
    const second = (await (
      await system.orders('GET', `/orders?limit=2&cursor=${first.nextCursor}`, { customerId: customer.id })
    ).json()) as { items: OrderView[]; nextCursor: string | null };
    const foreign = await system.orders('GET', `/orders/${theirs}`, { customerId: customer.id });

    expect([...first.items, ...second.items].map((o) => o.id)).toEqual(ids.reverse());
    expect(second.nextCursor).toBeNull();
    expect(foreign.status).toBe(404);
  });

  it('when input is bad on any endpoint, then the answer is 400 problem+json naming each field', async () => {
    const customerId = system.customer.addCustomer().id;
    const cases: Array<[Promise<Response>, string[]]> = [
      [system.orders('POST', '/orders', { customerId, body: { items: [] } }), ['items']],
      [
        system.orders('POST', '/orders', { customerId, body: { items: [{ productId: 'nope', quantity: 0 }] } }),
        ['items.0.productId', 'items.0.quantity'],
      ],
      [
        system.orders('POST', '/orders', {
          customerId,
          body: { items: [{ productId: randomUUID(), quantity: 1 }], shippingAddress: { city: 'Bandung' } },
        }),
        ['shippingAddress.recipient', 'shippingAddress.line1', 'shippingAddress.postalCode'],
      ],
      [
        system.orders('POST', '/orders', {
          customerId,
          body: { items: [{ productId: randomUUID(), quantity: 1 }] },
          headers: { 'idempotency-key': 'k'.repeat(201) },
        }),
        ['headers.idempotency-key'],
      ],
      [system.orders('GET', '/orders?limit=0', { customerId }), ['query.limit']],
      [system.orders('GET', '/orders?cursor=garbage', { customerId }), ['query.cursor']],
      [system.orders('GET', '/orders/not-a-uuid', { customerId }), ['params.orderId']],
      [
        system.orders('POST', '/internal/orders/not-a-uuid/payment-status', { body: { paymentId: randomUUID(), status: 'SUCCEEDED' } }),
        ['params.orderId'],
      ],
      [
        system.orders('POST', `/internal/orders/${randomUUID()}/payment-status`, { body: { paymentId: 'x', status: 'MAYBE' } }),
        ['paymentId', 'status'],
      ],
    ];

    for (const [pending, fields] of cases) {
      const response = await pending;
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(((await response.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(fields);
    }
  });

  it('when the customer header is missing, then every customer endpoint answers 401', async () => {
    for (const [method, path] of [
      ['POST', '/orders'],
      ['GET', '/orders'],
      ['GET', `/orders/${randomUUID()}`],
    ] as const) {
      const response = await system.orders(method, path, method === 'POST' ? { body: { items: [] } } : {});
      expect(response.status).toBe(401);
    }
  });

  it('when the payment status of an unknown order arrives, then the answer is 404', async () => {
    const response = await system.orders('POST', `/internal/orders/${randomUUID()}/payment-status`, {
      body: { paymentId: randomUUID(), status: 'SUCCEEDED' },
    });

    expect(response.status).toBe(404);
  });

  it('when the product service is down, then placing answers 503 quickly and writes nothing', async () => {
    const customer = system.customer.addCustomer();
    const productId = system.product.addProduct().id;
    await system.product.stop();
    const before = await orderCount();
    const started = Date.now();

    const placed = await place(customer.id, { items: [{ productId, quantity: 1 }] });

    expect(placed.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await orderCount()).toBe(before);
    await system.restartProduct();
  });

  it('when a payment fails while the stock cannot be released, then the order waits in PAYMENT_FAILED and the sweeper cancels it later', async () => {
    const customer = system.customer.addCustomer();
    const product = system.product.addProduct({ price: { amount: 7_099, currency: 'IDR' } });
    const placed = await place(customer.id, { items: [{ productId: product.id, quantity: 1 }] });
    await system.product.stop();

    const callback = await system.orders('POST', `/internal/orders/${placed.body.id}/payment-status`, {
      body: { paymentId: randomUUID(), status: 'FAILED', reason: 'card expired' },
    });

    expect(await callback.json()).toEqual({ orderId: placed.body.id, status: 'PAYMENT_FAILED' });
    const restarted = await system.restartProduct();
    await eventually(async () => expect(await orderStatusIn(system.orderSchema, placed.body.id)).toBe('CANCELLED'));
    expect(restarted.reservationOf(placed.body.id)).toBe('RELEASED');
  });
});
