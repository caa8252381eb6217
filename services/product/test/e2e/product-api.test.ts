import { randomUUID } from 'node:crypto';
import {
  AppId,
  getProducts,
  listProductPage,
  ProductSnapshot,
  type ProblemDetails,
  type ProductSnapshot as Snapshot,
} from '@pasar/contracts';
import { eventually } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aProduct } from '../support/products.ts';
import {
  expectBadRequest,
  expectProblem,
  expectUnknownKeyRejected,
  startProductSystem,
  type ProductSystem,
} from '../support/product-app.ts';

/** The product service beside a real daprd, called through another app's sidecar, as the gateway and catalog call it. */
let system: ProductSystem;

beforeAll(async () => {
  system = await startProductSystem('api');
});
afterAll(() => system?.stop());

const create = async (overrides: Parameters<typeof aProduct>[0] = {}): Promise<Snapshot> => {
  const answer = await system.rest('POST', '/products', aProduct(overrides));
  expect(answer.status).toBe(201);
  return ProductSnapshot.parse(answer.body);
};

describe('the product REST API through Dapr service invocation', () => {
  it('when a product is created, read, patched, listed and deleted, then each answer says so and a deleted product is 404', async () => {
    const created = await create({ category: 'fashion', attributes: { size: 'M', colour: 'indigo', material: 'batik' } });
    expect(created).toMatchObject({ revision: 1, category: 'fashion', price: { currency: 'IDR' } });

    expect((await system.rest('GET', `/products/${created.id}`)).body).toEqual(created);

    const patched = await system.rest('PATCH', `/products/${created.id}`, { stock: 42, attributes: { size: 'L', colour: 'indigo' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ stock: 42, attributes: { size: 'L', colour: 'indigo' }, revision: 2 });

    const listed = await system.rest('GET', '/products?category=fashion&limit=100');
    expect(listed.body.products.map((p: Snapshot) => p.id)).toContain(created.id);

    expect((await system.rest('DELETE', `/products/${created.id}`)).status).toBe(204);
    expect((await system.rest('GET', `/products/${created.id}`)).status).toBe(404);
    expect((await system.rest('GET', '/products?category=fashion&limit=100')).body.products.map((p: Snapshot) => p.id)).not.toContain(
      created.id,
    );
  });

  it('when a product is created, then a product-changed message with its snapshot is published', async () => {
    const created = await create();

    const message = await eventually(() => {
      const found = system.received.find((m) => m.productId === created.id && m.change === 'created');
      expect(found).toBeDefined();
      return found!;
    });
    expect(message).toMatchObject({ version: 1, product: { id: created.id, sku: created.sku } });
  });

  it('when the SKU is taken, then creating is a 409 naming sku', async () => {
    const created = await create();

    const answer = await system.rest('POST', '/products', aProduct({ sku: created.sku }));

    expect(answer.status).toBe(409);
    expect(answer.body.errors).toEqual([{ field: 'sku', message: expect.any(String) }]);
  });

  it('when an id is unknown, then GET, PATCH and DELETE are 404 problems', async () => {
    const path = `/products/${randomUUID()}`;
    for (const [method, body] of [['GET'], ['PATCH', { name: 'x' }], ['DELETE']] as const) {
      const answer = await system.rest(method, path, body);
      expect(answer.status).toBe(404);
      expect(answer.contentType).toContain('application/problem+json');
    }
  });

  it('when GET /categories is called, then each category comes with its attribute schema', async () => {
    const answer = await system.rest('GET', '/categories');

    expect(answer.status).toBe(200);
    const electronics = answer.body.categories.find((c: { name: string }) => c.name === 'electronics');
    expect(electronics.attributes).toContainEqual(expect.objectContaining({ key: 'warrantyMonths', type: 'integer', required: true }));
  });
});

describe('bad input on every endpoint is a 400 problem naming the field', () => {
  const id = randomUUID();

  it.each([
    ['a negative price', { price: { amount: -1 } }, ['price.amount']],
    ['a non-http image', { images: ['javascript:alert(1)'] }, ['images.0']],
  ])('POST /products with %s', async (_case, overrides, fields) => {
    expectBadRequest(await system.rest('POST', '/products', { ...aProduct(), ...overrides }), fields);
  });

  it.each([
    ['an attribute of the wrong type', { attributes: { brand: 'Sanken', warrantyMonths: 'satu tahun' } }, ['attributes.warrantyMonths']],
    ['an unknown category', { category: 'weapons' }, ['category']],
    ['an operator key', { attributes: { brand: 'Sanken', warrantyMonths: 1, $where: 'sleep(1000)' } }, ['attributes.$where']],
    ['a dotted key', { attributes: { brand: 'Sanken', warrantyMonths: 1, 'brand.name': 'Sanken' } }, ['attributes.brand.name']],
  ])('POST /products with %s (the category, which is data, refuses it: 422)', async (_case, overrides, fields) => {
    expectProblem(await system.rest('POST', '/products', { ...aProduct(), ...overrides }), 422, fields);
  });

  it('POST /products and GET /products with a field they do not know', async () => {
    expectUnknownKeyRejected(await system.rest('POST', '/products', { ...aProduct(), colour: 'red' }), 'colour');
    expectUnknownKeyRejected(await system.rest('GET', '/products?colour=red'), 'colour');
  });

  it('GET /products/:id with an id that is not a uuid', async () => {
    expectBadRequest(await system.rest('GET', '/products/not-a-uuid'), ['params.id']);
  });

  it('PATCH /products/:id with a negative stock, or with an operator key', async () => {
    const created = await create();
    expectBadRequest(await system.rest('PATCH', `/products/${created.id}`, { stock: -1 }), ['stock']);
    expectBadRequest(await system.rest('PATCH', `/products/${created.id}`, { $set: { stock: 0 } }), ['$set', '(root)']);
    expectBadRequest(await system.rest('PATCH', `/products/${id}x`, { name: 'x' }), ['params.id']);
  });

  it('DELETE /products/:id with an id that is not a uuid', async () => {
    expectBadRequest(await system.rest('DELETE', '/products/123'), ['params.id']);
  });

  it.each([
    ['a limit over 100', 'limit=101', ['query.limit']],
    ['an operator in the query', 'minPrice[$gt]=1', ['query.minPrice']],
    ['a cursor it never gave out', 'cursor=bm9wZQ', ['query.cursor']],
  ])('GET /products with %s', async (_case, query, fields) => {
    expectBadRequest(await system.rest('GET', `/products?${query}`), fields);
  });

  it('GET /products with a price range upside down (a rule of the description: 422)', async () => {
    expectProblem(await system.rest('GET', '/products?minPrice=500&maxPrice=100'), 422, ['query.maxPrice']);
  });

  it.each([
    ['/internal/products/batch', { ids: ['not-a-uuid'] }, ['ids.0']],
    ['/internal/products/batch', { ids: [] }, ['ids']],
    ['/internal/products/page', { limit: 5000 }, ['limit']],
    ['/internal/products/page', { cursor: 'bm9wZQ' }, ['cursor']],
    ['/internal/stock/reservations', { orderId: randomUUID(), items: [{ productId: randomUUID(), quantity: 0 }] }, ['items.0.quantity']],
    ['/internal/stock/reservations/not-a-uuid/release', undefined, ['params.orderId']],
  ])('POST %s', async (path, body, fields) => {
    expectBadRequest(await system.rest('POST', path, body), fields);
  });
});

describe('the internal RPCs through DaprClient.invoke', () => {
  it('when products are fetched in bulk, then known ones come back and the others are missing', async () => {
    const [a, b] = [await create(), await create()];
    const unknown = randomUUID();

    const answer = await system.caller.dapr.invoke(getProducts, { body: { ids: [a.id, unknown, b.id] } });

    expect(answer.products.map((p) => p.id)).toEqual([a.id, b.id]);
    expect(answer.missing).toEqual([unknown]);
  });

  it('when every product is paged for a reindex, then each comes once, deleted ones as inactive', async () => {
    const kept = await create();
    const deleted = await create();
    await system.rest('DELETE', `/products/${deleted.id}`);

    const all: Snapshot[] = [];
    let cursor: string | null = null;
    do {
      const page: { products: Snapshot[]; nextCursor: string | null } = await system.caller.dapr.invoke(listProductPage, {
        body: { cursor, limit: 2 },
      });
      all.push(...page.products);
      cursor = page.nextCursor;
    } while (cursor);

    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
    expect(all.find((p) => p.id === kept.id)?.active).toBe(true);
    expect(all.find((p) => p.id === deleted.id)?.active).toBe(false);
  });

  it('when a caller sends a cursor the service never gave out (the contract would not let it), then a 400 names it', async () => {
    expect(() => listProductPage.body.parse({ cursor: 'bm9wZQ' })).toThrow();
    const answer = await system.caller.dapr.invokeRaw(AppId.product, 'POST', listProductPage.path, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cursor: 'bm9wZQ' }),
    });

    expect(answer.status).toBe(400);
    expect(((await answer.json()) as ProblemDetails).errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    expect(AppId.product).toBe(system.product.appId);
  });
});
