import { randomUUID } from 'node:crypto';
import { getProducts, releaseStock, reserveStock } from '@pasar/contracts';
import { RpcError, type InvokeOptions } from '@pasar/service-kit';
import { eventually } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProduct } from '../support/products.ts';
import { startProductSystem, type ProductSystem } from '../support/product-app.ts';

/** Stock reservations as the order service makes them: DaprClient.invoke of the contracts, through a sidecar. */
let system: ProductSystem;

beforeAll(async () => {
  system = await startProductSystem('stock');
});
afterAll(() => system?.stop());

const productWithStock = async (stock: number): Promise<string> => {
  const answer = await system.rest('POST', '/products', aProduct({ stock }));
  expect(answer.status).toBe(201);
  return answer.body.id as string;
};
const stockOf = async (...ids: string[]): Promise<number[]> => {
  const { products } = await system.caller.dapr.invoke(getProducts, { body: { ids } });
  return products.map((p) => p.stock);
};
const reserve = (orderId: string, items: Array<{ productId: string; quantity: number }>, options: InvokeOptions = {}) =>
  system.caller.dapr.invoke(reserveStock, { body: { orderId, items } }, options);
const release = (orderId: string) => system.caller.dapr.invoke(releaseStock, { params: { orderId } });

describe('stock reservations through Dapr', () => {
  it('when 50 orders reserve 1 unit each of a product with 20 at once, then exactly 20 succeed, the rest get 409, and stock ends at 0', async () => {
    const productId = await productWithStock(20);

    // Like the order service, the caller allows more than the harness's 5 s: on a busy FerretDB a burst
    // can outlast Dapr's 3 s rpc timeout, whose retry then gets the same (idempotent) answer.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => reserve(randomUUID(), [{ productId, quantity: 1 }], { timeoutMs: 20_000 })),
    );

    const succeeded = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as RpcError] : []));
    expect(succeeded).toHaveLength(20);
    expect(refused.map((e) => e.status)).toEqual(Array(30).fill(409));
    expect(await stockOf(productId)).toEqual([0]);
    await eventually(() => expect(system.received.some((m) => m.productId === productId && m.product?.stock === 0)).toBe(true));
    expect(system.received.filter((m) => m.productId === productId).every((m) => m.product!.stock >= 0)).toBe(true);
  });

  it('when the same order is reserved twice, then stock changes once and both answers are RESERVED', async () => {
    const productId = await productWithStock(10);
    const orderId = randomUUID();

    expect(await reserve(orderId, [{ productId, quantity: 4 }])).toEqual({ orderId, status: 'RESERVED' });
    expect(await reserve(orderId, [{ productId, quantity: 4 }])).toEqual({ orderId, status: 'RESERVED' });

    expect(await stockOf(productId)).toEqual([6]);
  });

  it('when one line of a multi-item order lacks stock, then the answer is a 409 naming that product and no stock changes', async () => {
    const [a, b, c] = [await productWithStock(5), await productWithStock(5), await productWithStock(1)];

    const error = await reserve(randomUUID(), [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 5 },
      { productId: c, quantity: 2 },
    ]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).status).toBe(409);
    expect((error as RpcError).problem).toMatchObject({ detail: expect.stringContaining(c), errors: [{ field: 'items.2.productId' }] });
    expect(await stockOf(a, b, c)).toEqual([5, 5, 1]);
  });

  it('when an order is released twice, then its stock comes back once', async () => {
    const [a, b] = [await productWithStock(3), await productWithStock(3)];
    const orderId = randomUUID();
    await reserve(orderId, [
      { productId: a, quantity: 3 },
      { productId: b, quantity: 1 },
    ]);
    expect(await stockOf(a, b)).toEqual([0, 2]);

    expect(await release(orderId)).toEqual({ orderId, status: 'RELEASED' });
    expect(await release(orderId)).toEqual({ orderId, status: 'RELEASED' });

    expect(await stockOf(a, b)).toEqual([3, 3]);
  });

  it('when an order that was never reserved is released, then it answers RELEASED and no stock changes', async () => {
    const productId = await productWithStock(2);

    expect((await release(randomUUID())).status).toBe('RELEASED');

    expect(await stockOf(productId)).toEqual([2]);
  });

  it('when stock changes, then product-changed messages carry the new stock', async () => {
    const productId = await productWithStock(4);
    await reserve(randomUUID(), [{ productId, quantity: 3 }]);

    await eventually(() =>
      expect(system.received.some((m) => m.productId === productId && m.change === 'stock' && m.product?.stock === 1)).toBe(true),
    );
  });
});
