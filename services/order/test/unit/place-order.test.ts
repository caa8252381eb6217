import { randomUUID } from 'node:crypto';
import { Topic, type Address, type CartItem, type CustomerProfile, type OrderCreatedV1, type ProductSnapshot } from '@pasar/contracts';
import type { OutboxMessage } from '@pasar/postgres';
import { AppError, createLogger, RpcError } from '@pasar/service-kit';
import { aProductSnapshot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import type { Order } from '../../src/domain/order.ts';
import { createOrderPlacement, type CartCheckout, type PlaceOrderCommand, type PlacementStore } from '../../src/domain/place-order.ts';

const home: Address = { recipient: 'Siti Rahma', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' };

/** Peers answering from memory; each call is recorded, and a test may make one fail. */
function fakePeers(options: { customers?: CustomerProfile[]; products?: ProductSnapshot[]; failReserve?: Error } = {}) {
  const calls: string[] = [];
  const peers: Peers = {
    async customerOf(customerId) {
      calls.push('customerOf');
      const customer = options.customers?.find((c) => c.id === customerId);
      if (!customer) throw new RpcError('customer.getCustomer', 404, { title: 'Not Found' });
      return customer;
    },
    async productsOf(ids) {
      calls.push('productsOf');
      const known = (options.products ?? []).filter((p) => ids.includes(p.id));
      return { products: known, missing: ids.filter((id) => !known.some((p) => p.id === id)) };
    },
    async reserveStock(orderId) {
      calls.push(`reserve ${orderId}`);
      if (options.failReserve) throw options.failReserve;
    },
    async releaseStock(orderId) {
      calls.push(`release ${orderId}`);
    },
  };
  return { peers, calls };
}

/** The orders store in memory; `failInsert` makes the commit fail. */
function fakeOrders(options: { failInsert?: Error } = {}) {
  const committed: Array<{ order: Order; message: OutboxMessage }> = [];
  const orders: PlacementStore = {
    async findByIdempotencyKey(customerId, key) {
      return committed.map((c) => c.order).find((o) => o.customerId === customerId && o.idempotencyKey === key);
    },
    async insertWithMessage(order, message) {
      if (options.failInsert) throw options.failInsert;
      committed.push({ order, message });
    },
  };
  return { orders, committed };
}

/** A cart at a revision; emptying records the revision it was asked for, and may fail. */
function fakeCart(options: { cartItems?: CartItem[]; failEmptying?: Error } = {}) {
  const emptied: string[] = [];
  const cart: CartCheckout & { revision: string } = {
    revision: randomUUID(),
    async linesToOrder() {
      return { items: options.cartItems ?? [], revision: cart.revision };
    },
    async emptyIfUnchanged(_customerId, revision) {
      if (options.failEmptying) throw options.failEmptying;
      emptied.push(revision);
    },
  };
  return { cart, emptied };
}

function setUp(options: Parameters<typeof fakePeers>[0] & Parameters<typeof fakeOrders>[0] & Parameters<typeof fakeCart>[0] = {}) {
  const { peers, calls } = fakePeers(options);
  const { orders, committed } = fakeOrders(options);
  const { cart, emptied } = fakeCart(options);
  let wakes = 0;
  const placeOrder = createOrderPlacement({
    orders,
    peers,
    logger: createLogger('place-order-test', 'silent'),
    cart,
    onCommitted: () => void wakes++,
  });
  return { placeOrder, calls, committed, wakes: () => wakes, cart, emptied };
}

const aCustomer = (defaultAddress: Address | null = home): CustomerProfile => ({
  id: randomUUID(),
  name: 'Siti',
  email: 'siti@example.test',
  locale: 'id',
  defaultAddress,
});
const command = (customerId: string, request: PlaceOrderCommand['request'], idempotencyKey?: string): PlaceOrderCommand => ({
  customerId,
  request,
  idempotencyKey,
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );
const fieldsOf = (error: AppError | undefined) => error?.fieldErrors?.map((e) => e.field);

describe('placing an order', () => {
  it('when the customer and products are known and the stock is reserved, then the order is committed at current prices with its order-created message', async () => {
    const customer = aCustomer();
    const kopi = aProductSnapshot({ price: { amount: 15_000, currency: 'IDR' } });
    const teh = aProductSnapshot({ price: { amount: 10_000, currency: 'IDR' } });
    const { placeOrder, calls, committed, wakes } = setUp({ customers: [customer], products: [kopi, teh] });

    const { order, replayed } = await placeOrder(
      command(customer.id, {
        items: [
          { productId: kopi.id, quantity: 2 },
          { productId: teh.id, quantity: 1 },
        ],
      }),
    );

    expect(replayed).toBe(false);
    expect(order).toMatchObject({
      customerId: customer.id,
      status: 'PENDING_PAYMENT',
      total: { amount: 40_000, currency: 'IDR' },
      shippingAddress: home,
    });
    expect(order.items.map((line) => [line.sku, line.quantity, line.unitPrice.amount])).toEqual([
      [kopi.sku, 2, 15_000],
      [teh.sku, 1, 10_000],
    ]);
    expect(calls).toEqual(['customerOf', 'productsOf', `reserve ${order.id}`]);
    expect(committed).toHaveLength(1);
    const { message } = committed[0]!;
    expect(message.topic).toBe(Topic.orderCreated);
    expect(message.payload).toMatchObject({
      orderId: order.id,
      customerId: customer.id,
      total: order.total,
      occurredAt: order.createdAt.toISOString(),
    } satisfies Partial<OrderCreatedV1>);
    expect(message.eventId).toBe((message.payload as OrderCreatedV1).eventId);
    expect(wakes()).toBe(1);
  });

  it('when a product is unknown or not for sale, then 422 names each of those lines and no stock is reserved', async () => {
    const customer = aCustomer();
    const inactive = aProductSnapshot({ active: false });
    const { placeOrder, calls, committed } = setUp({ customers: [customer], products: [inactive] });

    const error = await rejection(
      placeOrder(
        command(customer.id, {
          items: [
            { productId: inactive.id, quantity: 1 },
            { productId: randomUUID(), quantity: 1 },
          ],
        }),
      ),
    );

    expect(error).toMatchObject({ status: 422 });
    expect(fieldsOf(error)).toEqual(['items.0.productId', 'items.1.productId']);
    expect(calls.some((call) => call.startsWith('reserve'))).toBe(false);
    expect(committed).toHaveLength(0);
  });

  it('when products are priced in different currencies, then 422 and nothing is reserved', async () => {
    const customer = aCustomer();
    const rupiah = aProductSnapshot({ price: { amount: 15_000, currency: 'IDR' } });
    const dollar = aProductSnapshot({ price: { amount: 3, currency: 'USD' } });
    const { placeOrder, calls } = setUp({ customers: [customer], products: [rupiah, dollar] });

    const error = await rejection(
      placeOrder(
        command(customer.id, {
          items: [
            { productId: rupiah.id, quantity: 1 },
            { productId: dollar.id, quantity: 1 },
          ],
        }),
      ),
    );

    expect(error).toMatchObject({ status: 422 });
    expect(calls).toEqual(['customerOf', 'productsOf']);
  });

  it('when the customer service does not know the customer, then 422 and the products are not even asked', async () => {
    const { placeOrder, calls } = setUp({ products: [aProductSnapshot()] });

    const error = await rejection(placeOrder(command(randomUUID(), { items: [{ productId: randomUUID(), quantity: 1 }] })));

    expect(error).toMatchObject({ status: 422 });
    expect(calls).toEqual(['customerOf']);
  });

  it('when no address is given and the customer has no default, then 422 names shippingAddress', async () => {
    const customer = aCustomer(null);
    const { placeOrder } = setUp({ customers: [customer], products: [aProductSnapshot()] });

    const error = await rejection(placeOrder(command(customer.id, { items: [{ productId: randomUUID(), quantity: 1 }] })));

    expect(error).toMatchObject({ status: 422 });
    expect(fieldsOf(error)).toEqual(['shippingAddress']);
  });

  it('when the product service says a line is out of stock, then 409 carries its field errors and nothing is written or released', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const outOfStock = new RpcError('product.reserveStock', 409, {
      title: 'Conflict',
      errors: [{ field: 'items.0.productId', message: 'not enough stock' }],
    });
    const { placeOrder, calls, committed } = setUp({ customers: [customer], products: [product], failReserve: outOfStock });

    const error = await rejection(placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 5 }] })));

    expect(error).toMatchObject({ status: 409 });
    expect(fieldsOf(error)).toEqual(['items.0.productId']);
    expect(calls.some((call) => call.startsWith('release'))).toBe(false);
    expect(committed).toHaveLength(0);
  });

  it('when the reservation fails otherwise (it may still have happened), then the stock is released and the answer is 503', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const failing = new RpcError('product.reserveStock', 500, { title: 'Internal Server Error' });
    const { placeOrder, calls, committed } = setUp({ customers: [customer], products: [product], failReserve: failing });

    const error = await rejection(placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 1 }] })));

    expect(error).toMatchObject({ status: 503 });
    const reserved = calls.find((call) => call.startsWith('reserve'))!;
    expect(calls).toContain(reserved.replace('reserve', 'release'));
    expect(committed).toHaveLength(0);
  });

  it('when the commit fails after the stock was reserved, then that stock is released and the failure comes back', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const storeDown = AppError.unavailable('the order database is unavailable');
    const { placeOrder, calls, wakes } = setUp({ customers: [customer], products: [product], failInsert: storeDown });

    const error = await rejection(placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 1 }] })));

    expect(error).toBe(storeDown);
    expect(calls.filter((call) => call.startsWith('release'))).toHaveLength(1);
    expect(wakes()).toBe(0);
  });

  it('when a request is repeated with the same Idempotency-Key and body, then the first order answers, replayed, without asking any peer', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, calls, committed } = setUp({ customers: [customer], products: [product] });
    const request = { items: [{ productId: product.id, quantity: 1 }] };
    const first = await placeOrder(command(customer.id, request, 'key-1'));
    const callsBefore = calls.length;

    const again = await placeOrder(command(customer.id, request, 'key-1'));

    expect(again).toEqual({ order: first.order, replayed: true });
    expect(calls).toHaveLength(callsBefore);
    expect(committed).toHaveLength(1);
  });

  it('when an Idempotency-Key is used again with another body, then 422 names the key', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, committed } = setUp({ customers: [customer], products: [product] });
    await placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 1 }] }, 'key-2'));

    const error = await rejection(placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 2 }] }, 'key-2')));

    expect(error).toMatchObject({ status: 422 });
    expect(fieldsOf(error)).toEqual(['idempotency-key']);
    expect(committed).toHaveLength(1);
  });
});

describe('placing an order from the cart', () => {
  it('when the cart is ordered, then its lines are, the order keeps the revision it read, and that revision is emptied after the commit', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, committed, cart, emptied } = setUp({
      customers: [customer],
      products: [product],
      cartItems: [{ productId: product.id, quantity: 3 }],
    });

    const { order } = await placeOrder(command(customer.id, { fromCart: true }, 'cart-1'));

    expect(order.items.map((line) => [line.productId, line.quantity])).toEqual([[product.id, 3]]);
    expect(order.cartRevision).toBe(cart.revision);
    expect(committed).toHaveLength(1);
    expect(emptied).toEqual([cart.revision]);
  });

  it('when the same checkout is retried, then the first order answers and the revision it consumed is emptied again (a no-op once the cart changed)', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, committed, emptied } = setUp({
      customers: [customer],
      products: [product],
      cartItems: [{ productId: product.id, quantity: 1 }],
    });
    const first = await placeOrder(command(customer.id, { fromCart: true }, 'cart-2'));

    const retry = await placeOrder(command(customer.id, { fromCart: true }, 'cart-2'));

    expect([retry.replayed, retry.order.id]).toEqual([true, first.order.id]);
    expect(emptied).toEqual([first.order.cartRevision, first.order.cartRevision]);
    expect(committed).toHaveLength(1);
  });

  it('when the commit fails, then the cart is not emptied', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, emptied } = setUp({
      customers: [customer],
      products: [product],
      cartItems: [{ productId: product.id, quantity: 1 }],
      failInsert: new Error('down'),
    });

    await rejection(placeOrder(command(customer.id, { fromCart: true })));

    expect(emptied).toEqual([]);
  });

  it('when the cart cannot be emptied after the commit, then the order is answered all the same', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, committed } = setUp({
      customers: [customer],
      products: [product],
      cartItems: [{ productId: product.id, quantity: 1 }],
      failEmptying: AppError.unavailable('state store down'),
    });

    const { order, replayed } = await placeOrder(command(customer.id, { fromCart: true }));

    expect([replayed, committed.map((c) => c.order.id)]).toEqual([false, [order.id]]);
  });

  it('when lines are given, then the cart is neither read nor emptied', async () => {
    const customer = aCustomer();
    const product = aProductSnapshot();
    const { placeOrder, emptied } = setUp({ customers: [customer], products: [product] });

    const { order } = await placeOrder(command(customer.id, { items: [{ productId: product.id, quantity: 1 }] }));

    expect([order.cartRevision, emptied]).toEqual([null, []]);
  });
});
