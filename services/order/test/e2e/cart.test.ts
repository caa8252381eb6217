import { randomUUID } from 'node:crypto';
import { CART_LIMITS, CartView, type OrderView } from '@pasar/contracts';
import { brokers, eventually, startRedisServer, type RedisServer } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrdersRepository } from '../../src/data-access/orders-repository.ts';
import { hashOf, orderCreatedMessage } from '../../src/domain/place-order.ts';
import { startSystem, type TestSystem } from '../../../../tests/support/order-system.ts';

type Problem = { errors?: Array<{ field: string; message: string }>; detail?: string };

/** The sidecar's state store is a Redis of the test's own, so the test can take it down. */
async function startCartSystem(options: Parameters<typeof startSystem>[0] = {}): Promise<{ system: TestSystem; stateStore: RedisServer }> {
  const stateStore = await startRedisServer();
  try {
    return {
      system: await startSystem({ ...options, orderSidecarEnv: { STATESTORE_REDIS_HOST: stateStore.host, STATESTORE_REDIS_DB: '0' } }),
      stateStore,
    };
  } catch (error) {
    await stateStore.stop();
    throw error;
  }
}

/**
 * The cart API over the order app's real sidecar and a real Redis state store (components/shared/
 * statestore.yaml), with the real payment app behind checkout: ETags, limits, checkout from the
 * cart exactly once, and the store going down.
 */
describe.each(brokers)('the cart, over the order sidecar, on %s', (broker) => {
  let system: TestSystem;
  let stateStore: RedisServer;

  beforeAll(async () => {
    ({ system, stateStore } = await startCartSystem({ broker }));
  });

  afterAll(async () => {
    await system?.stop();
    await stateStore?.stop();
  });

  const call = async (customerId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const response = await system.orders(method, path, { customerId, ...(body !== undefined && { body }), ...(headers && { headers }) });
    return { status: response.status, etag: response.headers.get('etag'), body: (await response.json()) as CartView & Problem & OrderView };
  };
  const add = (customerId: string, productId: string, quantity: number, headers?: Record<string, string>) =>
    call(customerId, 'POST', '/cart/items', { productId, quantity }, headers);
  const cartOf = (customerId: string) => call(customerId, 'GET', '/cart');
  const checkout = (customerId: string, key: string) => call(customerId, 'POST', '/orders', { fromCart: true }, { 'idempotency-key': key });
  const quantities = (view: CartView) => view.lines.map((line) => [line.productId, line.quantity]);

  it('when a customer never had a cart, then it is empty, with an ETag', async () => {
    const cart = await cartOf(system.customer.addCustomer().id);

    expect(cart).toMatchObject({
      status: 200,
      etag: '"empty"',
      body: { lines: [], totals: { lineCount: 0, itemCount: 0, totalIdr: 0 }, updatedAt: null },
    });
  });

  it('when products are added, changed and removed, then the cart shows each line at its price with totals, and every write a new ETag', async () => {
    const customerId = system.customer.addCustomer().id;
    const [kopi, teh] = [
      system.product.addProduct({ price: { amount: 25_000, currency: 'IDR' } }),
      system.product.addProduct({ price: { amount: 7_500, currency: 'IDR' } }),
    ];

    const first = await add(customerId, kopi.id, 2);
    const second = await add(customerId, teh.id, 1);
    const again = await add(customerId, kopi.id, 1);
    const patched = await call(customerId, 'PATCH', `/cart/items/${teh.id}`, { quantity: 4 });
    const read = await cartOf(customerId);

    expect([first.status, second.status, again.status, patched.status]).toEqual([200, 200, 200, 200]);
    expect(new Set([first.etag, second.etag, again.etag, patched.etag]).size).toBe(4);
    expect(read.etag).toBe(patched.etag);
    expect(read.body.lines).toEqual([
      expect.objectContaining({
        productId: kopi.id,
        quantity: 3,
        name: kopi.name,
        unitPriceIdr: 25_000,
        lineTotalIdr: 75_000,
        available: true,
        priceChanged: false,
      }),
      expect.objectContaining({ productId: teh.id, quantity: 4, unitPriceIdr: 7_500, lineTotalIdr: 30_000, available: true }),
    ]);
    expect(read.body.totals).toEqual({ lineCount: 2, itemCount: 7, totalIdr: 105_000, unavailableLineCount: 0 });

    const removed = await call(customerId, 'DELETE', `/cart/items/${kopi.id}`);
    expect(quantities(removed.body)).toEqual([[teh.id, 4]]);
  });

  it('when the price changes or the product is withdrawn after it was added, then its line says so', async () => {
    const customerId = system.customer.addCustomer().id;
    const [dearer, withdrawn] = [system.product.addProduct({ price: { amount: 10_000, currency: 'IDR' } }), system.product.addProduct()];
    await add(customerId, dearer.id, 1);
    await add(customerId, withdrawn.id, 1);

    system.product.put({ ...dearer, price: { amount: 12_000, currency: 'IDR' } });
    system.product.put({ ...withdrawn, active: false });
    const { body } = await cartOf(customerId);

    expect(body.lines.map((l) => [l.unitPriceIdr, l.addedUnitPriceIdr, l.priceChanged, l.available])).toEqual([
      [12_000, 10_000, true, true],
      [15_000, 15_000, false, false],
    ]);
    expect(body.totals).toMatchObject({ totalIdr: 12_000, unavailableLineCount: 1 });
  });

  it('when a write names the ETag the client saw but another tab wrote since, then it is a 409 naming if-match; with the current one it applies', async () => {
    const customerId = system.customer.addCustomer().id;
    const product = system.product.addProduct();
    const seen = await add(customerId, product.id, 1);
    const otherTab = await add(customerId, product.id, 1);

    const stale = await call(customerId, 'PATCH', `/cart/items/${product.id}`, { quantity: 5 }, { 'if-match': seen.etag! });
    const current = await call(customerId, 'PATCH', `/cart/items/${product.id}`, { quantity: 5 }, { 'if-match': otherTab.etag! });

    expect(stale.status).toBe(409);
    expect(stale.body.errors?.map((e) => e.field)).toEqual(['if-match']);
    expect(current.status).toBe(200);
    expect(quantities(current.body)).toEqual([[product.id, 5]]);
  });

  it('when tabs add to one cart at the same moment without If-Match, then no update is lost (the first write to a new cart included)', async () => {
    const customerId = system.customer.addCustomer().id;
    const products = Array.from({ length: 4 }, () => system.product.addProduct());

    const answers = await Promise.all(products.map((p) => add(customerId, p.id, 1)));

    expect(answers.map((a) => a.status)).toEqual(products.map(() => 200));
    expect(new Set((await cartOf(customerId)).body.lines.map((l) => l.productId))).toEqual(new Set(products.map((p) => p.id)));
  });

  it('when a quantity goes over the limits, then a request over them is a 400 and a cart that would go over them a 409, each naming the field', async () => {
    const customerId = system.customer.addCustomer().id;
    const product = system.product.addProduct();
    await add(customerId, product.id, CART_LIMITS.maxQuantityPerLine);

    const tooMany = await add(customerId, product.id, CART_LIMITS.maxQuantityPerLine + 1);
    const overTheLine = await add(customerId, product.id, 1);
    const mergeTooLong = await call(customerId, 'POST', '/cart/merge', {
      items: Array.from({ length: CART_LIMITS.maxLines + 1 }, () => ({ productId: randomUUID(), quantity: 1 })),
    });

    expect([tooMany.status, tooMany.body.errors?.map((e) => e.field)]).toEqual([400, ['quantity']]);
    expect([overTheLine.status, overTheLine.body.errors?.map((e) => e.field)]).toEqual([409, ['quantity']]);
    expect([mergeTooLong.status, mergeTooLong.body.errors?.map((e) => e.field)]).toEqual([400, ['items']]);
    expect(quantities((await cartOf(customerId)).body)).toEqual([[product.id, CART_LIMITS.maxQuantityPerLine]]);
  });

  it('when a full cart gets one more product, then it is a 409 naming productId', async () => {
    const customerId = system.customer.addCustomer().id;
    const items = Array.from({ length: CART_LIMITS.maxLines }, () => ({ productId: system.product.addProduct().id, quantity: 1 }));
    expect((await call(customerId, 'POST', '/cart/merge', { items })).status).toBe(200);

    const oneMore = await add(customerId, system.product.addProduct().id, 1);

    expect([oneMore.status, oneMore.body.errors?.map((e) => e.field)]).toEqual([409, ['productId']]);
  });

  it('when an unknown product is added, then it is a 422 naming productId', async () => {
    const answer = await add(system.customer.addCustomer().id, randomUUID(), 1);

    expect([answer.status, answer.body.errors?.map((e) => e.field)]).toEqual([422, ['productId']]);
  });

  it('when a guest cart is merged at login, then quantities add up and products no longer for sale are left out', async () => {
    const customerId = system.customer.addCustomer().id;
    const [mine, both, withdrawn] = [
      system.product.addProduct(),
      system.product.addProduct(),
      system.product.addProduct({ active: false }),
    ];
    await add(customerId, mine.id, 1);
    await add(customerId, both.id, 2);

    const merged = await call(customerId, 'POST', '/cart/merge', {
      items: [
        { productId: both.id, quantity: 3 },
        { productId: withdrawn.id, quantity: 1 },
      ],
    });

    expect(merged.status).toBe(200);
    expect(quantities(merged.body)).toEqual([
      [mine.id, 1],
      [both.id, 5],
    ]);
  });

  it('when the cart is checked out, then the order has its lines and the cart is emptied; a retry with the same key answers the same order and leaves a cart filled since alone', async () => {
    const customerId = system.customer.addCustomer().id;
    const [kopi, teh] = [
      system.product.addProduct({ price: { amount: 25_000, currency: 'IDR' }, stock: 10 }),
      system.product.addProduct({ stock: 10 }),
    ];
    await add(customerId, kopi.id, 2);
    await add(customerId, teh.id, 1);
    const key = randomUUID();

    const placed = await checkout(customerId, key);
    const emptied = await cartOf(customerId);
    await add(customerId, teh.id, 3);
    const retried = await checkout(customerId, key);

    expect(placed.status).toBe(201);
    expect(placed.body.items.map((l) => [l.productId, l.quantity])).toEqual([
      [kopi.id, 2],
      [teh.id, 1],
    ]);
    expect(placed.body.total.amount).toBe(65_000);
    expect(emptied.body.lines).toEqual([]);
    expect(emptied.etag).not.toBe('"empty"');
    expect([retried.status, retried.body.id]).toEqual([201, placed.body.id]);
    expect(quantities((await cartOf(customerId)).body)).toEqual([[teh.id, 3]]);
    expect([system.product.stockOf(kopi.id), system.product.stockOf(teh.id)]).toEqual([8, 9]);
  });

  it('when the order committed but its cart was not emptied (the service died in between), then the retry with the same key empties it, once', async () => {
    const customerId = system.customer.addCustomer().id;
    const product = system.product.addProduct({ stock: 10 });
    const { etag } = await add(customerId, product.id, 1);
    const key = randomUUID();
    const committed = anOrderFromTheCart({ customerId, productId: product.id, key, cartRevision: JSON.parse(etag!) as string });
    await createOrdersRepository(system.orderSchema.pool).insertWithMessage(committed, orderCreatedMessage(committed));

    const retried = await checkout(customerId, key);
    const emptied = await cartOf(customerId);
    await add(customerId, product.id, 2);
    const again = await checkout(customerId, key);

    expect([retried.status, retried.body.id, again.body.id]).toEqual([201, committed.id, committed.id]);
    expect(emptied.body.lines).toEqual([]);
    expect(quantities((await cartOf(customerId)).body)).toEqual([[product.id, 2]]);
  });

  it('when an empty cart is checked out, then it is a 422 naming fromCart and no order is written', async () => {
    const customerId = system.customer.addCustomer().id;

    const answer = await checkout(customerId, randomUUID());

    expect([answer.status, answer.body.errors?.map((e) => e.field)]).toEqual([422, ['fromCart']]);
    const { rows } = await system.orderSchema.pool.query('select id from orders where customer_id = $1', [customerId]);
    expect(rows).toEqual([]);
  });

  // Last: it takes the state store down.
  it('when the state store is down, then the cart and checkout from it answer 503 at once (not a timeout), orders still answer, and the cart is back with the store', async () => {
    const customerId = system.customer.addCustomer().id;
    const product = system.product.addProduct();
    await add(customerId, product.id, 1);

    await stateStore.kill();
    const [read, write, placed, orders] = await Promise.all([
      cartOf(customerId),
      add(customerId, product.id, 1),
      checkout(customerId, randomUUID()),
      call(customerId, 'GET', '/orders'),
    ]);

    expect([read.status, write.status, placed.status, orders.status]).toEqual([503, 503, 503, 200]);
    await stateStore.start();
    await eventually(async () => expect((await add(customerId, product.id, 1)).status).toBe(200), { timeoutMs: 30_000, intervalMs: 500 });
  });
});

describe('a cart nobody uses', () => {
  const TTL_SECONDS = 5;
  let system: TestSystem;
  let stateStore: RedisServer;

  beforeAll(async () => {
    ({ system, stateStore } = await startCartSystem({ withPayment: false, orderEnv: { CART_TTL_SECONDS: String(TTL_SECONDS) } }));
  });

  afterAll(async () => {
    await system?.stop();
    await stateStore?.stop();
  });

  /** A customer's cart with one line, and its key in the state store (daprd prefixes the app id). */
  const aFilledCart = async () => {
    const customerId = system.customer.addCustomer().id;
    const product = system.product.addProduct();
    const added = await system.orders('POST', '/cart/items', { customerId, body: { productId: product.id, quantity: 1 } });
    expect(added.status).toBe(200);
    expect(CartView.parse(await added.json()).lines).toHaveLength(1);
    const key = await stateStore.command('KEYS', `*cart-${customerId}`);
    expect(key).not.toBe('');
    return { customerId, key };
  };
  const readCart = async (customerId: string) => CartView.parse(await (await system.orders('GET', '/cart', { customerId })).json());
  /** What is left of the key's time to live, in ms (negative once it is gone), read without using the cart. */
  const msLeft = async (key: string) => Number(await stateStore.command('PTTL', key));

  it('when its time to live passes without a read or a write, then the state store forgets it and the cart is empty again', async () => {
    const { customerId, key } = await aFilledCart();

    await eventually(async () => expect(await stateStore.command('EXISTS', key)).toBe('0'), { timeoutMs: 20_000, intervalMs: 250 });

    expect((await readCart(customerId)).lines).toEqual([]);
  });

  it('when it is read, then its time to live starts again from that read', async () => {
    const { customerId, key } = await aFilledCart();
    const beforeRead = await eventually(
      async () => {
        const left = await msLeft(key);
        expect(left).toBeGreaterThan(0);
        expect(left).toBeLessThan(TTL_SECONDS * 1000 - 1500);
        return left;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );

    const read = await readCart(customerId);

    expect(read.lines).toHaveLength(1);
    expect(await msLeft(key)).toBeGreaterThan(beforeRead);
  });
});

/** An order as placeNewOrder commits it from a cart at `cartRevision`, under an Idempotency-Key. */
function anOrderFromTheCart(parts: { customerId: string; productId: string; key: string; cartRevision: string }) {
  const now = new Date();
  return {
    id: randomUUID(),
    customerId: parts.customerId,
    status: 'PENDING_PAYMENT' as const,
    items: [{ productId: parts.productId, sku: 'SKU-1', name: 'Product', quantity: 1, unitPrice: { amount: 15_000, currency: 'IDR' } }],
    total: { amount: 15_000, currency: 'IDR' },
    shippingAddress: { recipient: 'Siti Rahma', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
    paymentId: null,
    failureReason: null,
    idempotencyKey: parts.key,
    requestHash: hashOf({ fromCart: true }),
    cartRevision: parts.cartRevision,
    stockReleasedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
