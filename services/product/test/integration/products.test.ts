import { randomUUID } from 'node:crypto';
import type { ProductSnapshot } from '@pasar/contracts';
import { ownMongoDatabase } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDomain } from '../support/domain.ts';
import { fieldsOf, rejection } from '../support/errors.ts';
import { aProduct } from '../support/products.ts';

const store = ownMongoDatabase('product_products');
let domain: Awaited<ReturnType<typeof productDomain>>;

beforeAll(async () => {
  domain = await productDomain(store.db);
});
afterAll(() => store.drop());

const pendingEventsOf = async (id: string) =>
  ((await store.db.collection('products').findOne({ _id: id as never }))?.outbox ?? []) as Array<{ change: string; eventId: string }>;

describe('products against FerretDB', () => {
  it('when a product is created, then it reads back at revision 1 with a pending "created" event in the same document', async () => {
    const created = await domain.products.create(aProduct({ attributes: { brand: 'Miyako', warrantyMonths: 6 } }));

    expect(await domain.products.get(created.id)).toEqual(created);
    expect(created).toMatchObject({
      revision: 1,
      price: { amount: 250_000, currency: 'IDR' },
      attributes: { brand: 'Miyako', warrantyMonths: 6 },
    });
    expect((await pendingEventsOf(created.id)).map((e) => e.change)).toEqual(['created']);
  });

  it('when the currency is left out, then it is IDR (through the contract default)', async () => {
    const { CreateProductRequest } = await import('@pasar/contracts');
    const input = CreateProductRequest.parse({ ...aProduct(), price: { amount: 15_000 } });

    expect((await domain.products.create(input)).price).toEqual({ amount: 15_000, currency: 'IDR' });
  });

  it('when the SKU is taken, then creating or renaming to it is a 409 naming sku', async () => {
    const first = await domain.products.create(aProduct());
    const second = await domain.products.create(aProduct());

    expect(fieldsOf(await rejection(domain.products.create(aProduct({ sku: first.sku })), 409))).toEqual(['sku']);
    expect(fieldsOf(await rejection(domain.products.update(second.id, { sku: first.sku }), 409))).toEqual(['sku']);
  });

  it('when a product is patched, then only the given fields change, the revision grows and an "updated" event waits', async () => {
    const created = await domain.products.create(aProduct());

    const updated = await domain.products.update(created.id, { name: 'Kipas angin berdiri', price: { amount: 300_000, currency: 'IDR' } });

    expect(updated).toMatchObject({ name: 'Kipas angin berdiri', price: { amount: 300_000 }, sku: created.sku, revision: 2 });
    expect(await domain.products.get(created.id)).toEqual(updated);
    expect((await pendingEventsOf(created.id)).map((e) => e.change)).toEqual(['created', 'updated']);
  });

  it('when the category changes, then the attributes are validated against the new one', async () => {
    const created = await domain.products.create(aProduct());

    const error = await rejection(domain.products.update(created.id, { category: 'fashion' }), 422);
    expect(fieldsOf(error)).toEqual(expect.arrayContaining(['attributes.size', 'attributes.colour', 'attributes.brand']));

    const moved = await domain.products.update(created.id, { category: 'fashion', attributes: { size: 'M', colour: 'hitam' } });
    expect(moved).toMatchObject({ category: 'fashion', attributes: { size: 'M', colour: 'hitam' } });
  });

  it('when a product is deleted, then it is 404, left out of lists and batch gets, but still paged as inactive', async () => {
    const created = await domain.products.create(aProduct({ category: 'books', attributes: { author: 'Pramoedya Ananta Toer' } }));

    await domain.products.remove(created.id);

    await rejection(domain.products.get(created.id), 404);
    await rejection(domain.products.remove(created.id), 404);
    await rejection(domain.products.update(created.id, { name: 'x' }), 404);
    expect(await domain.products.getMany([created.id])).toEqual({ products: [], missing: [created.id] });
    expect((await domain.products.list({ category: 'books', limit: 100 })).products.map((p) => p.id)).not.toContain(created.id);
    const paged = await allPages();
    expect(paged.find((p) => p.id === created.id)).toMatchObject({ active: false, revision: 2 });
    expect((await pendingEventsOf(created.id)).map((e) => e.change)).toEqual(['created', 'deleted']);
  });

  it('when products are fetched in bulk, then they come in the order asked, each once, with unknown ids missing', async () => {
    const [a, b] = [await domain.products.create(aProduct()), await domain.products.create(aProduct())];
    const unknown = randomUUID();

    const result = await domain.products.getMany([b.id, unknown, a.id, b.id]);

    expect(result.products.map((p) => p.id)).toEqual([b.id, a.id]);
    expect(result.missing).toEqual([unknown]);
  });

  it('when listing with filters, then pages follow each other newest first with no product twice', async () => {
    const category = 'food';
    const created: ProductSnapshot[] = [];
    for (let i = 0; i < 7; i++) {
      created.push(
        await domain.products.create(
          aProduct({
            category,
            price: { amount: 1000 * (i + 1), currency: 'IDR' },
            attributes: { weightGrams: 100, expiryDate: '2027-06-01' },
          }),
        ),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await domain.products.list({ category, minPrice: 2000, maxPrice: 6000, limit: 2, ...(cursor && { cursor }) });
      seen.push(...page.products.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const newestFirst = (a: ProductSnapshot, b: ProductSnapshot) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
    expect(seen).toEqual(
      created
        .slice(1, 6)
        .sort(newestFirst)
        .map((p) => p.id),
    );
  });

  it('when the active filter is given, then only products with that flag are listed', async () => {
    const inactive = await domain.products.create(aProduct({ active: false }));

    const activeOnly = await domain.products.list({ active: true, limit: 100 });
    const inactiveOnly = await domain.products.list({ active: false, limit: 100 });

    expect(activeOnly.products.every((p) => p.active)).toBe(true);
    expect(inactiveOnly.products.map((p) => p.id)).toContain(inactive.id);
  });
});

async function allPages(): Promise<ProductSnapshot[]> {
  const all: ProductSnapshot[] = [];
  let cursor: string | null = null;
  do {
    const page = await domain.products.page(cursor, 3);
    all.push(...page.products);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
