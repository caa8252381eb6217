import { SearchProductsQuery } from '@pasar/contracts';
import { aProductSnapshot } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogIndexFor } from '../support/catalog-index.ts';

const catalog = catalogIndexFor();
const kopiGayo = aProductSnapshot({
  name: 'Kopi Gayo Arabika',
  description: 'Biji kopi dari dataran tinggi Gayo, Aceh.',
  category: 'kopi',
  sku: 'KOPI-GAYO-250',
  price: { amount: 85_000, currency: 'IDR' },
  stock: 5,
  attributes: { brand: 'Acme', origin: 'Aceh', roast: 'medium' },
  createdAt: '2026-01-01T00:00:00Z',
});
const kopiToraja = aProductSnapshot({
  name: 'Kopi Toraja Robusta',
  description: 'Robusta dari Tana Toraja.',
  category: 'kopi',
  price: { amount: 60_000, currency: 'IDR' },
  stock: 0,
  attributes: { brand: 'Nusantara', origin: 'Toraja' },
  createdAt: '2026-01-03T00:00:00Z',
});
const tehMelati = aProductSnapshot({
  name: 'Teh Melati',
  description: 'Teh hijau dengan bunga melati.',
  category: 'teh',
  price: { amount: 25_000, currency: 'IDR' },
  stock: 10,
  attributes: { brand: 'Acme' },
  createdAt: '2026-01-02T00:00:00Z',
});
const gulaAren = aProductSnapshot({
  name: 'Gula Aren Cair',
  description: 'Pemanis alami untuk kopi susu.',
  category: 'pemanis',
  price: { amount: 120_000, currency: 'IDR' },
  stock: 3,
  attributes: { brand: 'Kencana' },
  createdAt: '2026-01-04T00:00:00Z',
});
const inactiveKopi = aProductSnapshot({ name: 'Kopi Rahasia', category: 'kopi', active: false });

const search = async (query: Record<string, unknown>) => catalog.index.search(SearchProductsQuery.parse(query));
const names = async (query: Record<string, unknown>) => (await search(query)).hits.map((hit) => hit.product.name);

beforeAll(() => catalog.put(kopiGayo, kopiToraja, tehMelati, gulaAren, inactiveKopi));
afterAll(() => catalog.cleanUp());

describe('full-text search over name, description and attribute values', () => {
  it('when the customer types two words, then only products with both match, best first', async () => {
    expect(await names({ q: 'kopi gayo' })).toEqual(['Kopi Gayo Arabika']);
  });

  it('when a word has a typo, then the product is still found (fuzziness AUTO)', async () => {
    expect(await names({ q: 'kopi gyao' })).toEqual(['Kopi Gayo Arabika']);
    expect(await names({ q: 'torja' })).toEqual(['Kopi Toraja Robusta']);
  });

  it('when the last word is unfinished, then it matches as a prefix', async () => {
    expect(await names({ q: 'kopi gay' })).toEqual(['Kopi Gayo Arabika']);
  });

  it('when a word is in one name and another description, then the name match ranks higher; inactive products never show', async () => {
    const found = await names({ q: 'kopi' });

    expect(found).toHaveLength(3);
    expect(found.at(-1)).toBe('Gula Aren Cair');
    expect(found).not.toContain('Kopi Rahasia');
  });

  it('when the text is an attribute value, then products with that value are found', async () => {
    expect(await names({ q: 'nusantara' })).toEqual(['Kopi Toraja Robusta']);
  });

  it('when the text looks like query syntax, then it is only text and the search still answers', async () => {
    const result = await search({ q: 'kopi AND (name:*) OR "unbalanced \\ [' });

    expect(result.total).toBeGreaterThanOrEqual(0);
  });

  it('when the SKU is typed, then that product comes first', async () => {
    expect((await names({ q: 'KOPI-GAYO-250' }))[0]).toBe('Kopi Gayo Arabika');
  });
});

describe('filters, sort and pagination', () => {
  it('filters by category, whatever its case', async () => {
    expect((await names({ category: 'KOPI' })).sort()).toEqual(['Kopi Gayo Arabika', 'Kopi Toraja Robusta']);
  });

  it('filters by price range, both ends inclusive', async () => {
    expect((await names({ minPrice: '60000', maxPrice: '85000' })).sort()).toEqual(['Kopi Gayo Arabika', 'Kopi Toraja Robusta']);
  });

  it('filters by stock', async () => {
    expect(await names({ category: 'kopi', inStock: 'true' })).toEqual(['Kopi Gayo Arabika']);
    expect(await names({ category: 'kopi', inStock: 'false' })).toEqual(['Kopi Toraja Robusta']);
  });

  it('filters by attribute values: any of the values of one attribute, all of the attributes', async () => {
    expect((await names({ attr: { brand: 'acme' } })).sort()).toEqual(['Kopi Gayo Arabika', 'Teh Melati']);
    expect(await names({ attr: { brand: ['Acme', 'Kencana'] } })).toHaveLength(3);
    expect(await names({ attr: { brand: 'Acme', origin: 'Aceh' } })).toEqual(['Kopi Gayo Arabika']);
  });

  it('sorts by price either way, and by newest', async () => {
    expect(await names({ sort: 'price_asc' })).toEqual(['Teh Melati', 'Kopi Toraja Robusta', 'Kopi Gayo Arabika', 'Gula Aren Cair']);
    expect(await names({ sort: 'price_desc' })).toEqual(['Gula Aren Cair', 'Kopi Gayo Arabika', 'Kopi Toraja Robusta', 'Teh Melati']);
    expect(await names({ sort: 'newest' })).toEqual(['Gula Aren Cair', 'Kopi Toraja Robusta', 'Teh Melati', 'Kopi Gayo Arabika']);
  });

  it('pages with page/size and from/size alike, without overlap', async () => {
    const first = await search({ sort: 'price_asc', size: '2', page: '1' });
    const second = await search({ sort: 'price_asc', size: '2', from: '2' });

    expect(first.total).toBe(4);
    expect(first.hits.map((h) => h.product.name)).toEqual(['Teh Melati', 'Kopi Toraja Robusta']);
    expect(second.hits.map((h) => h.product.name)).toEqual(['Kopi Gayo Arabika', 'Gula Aren Cair']);
  });
});

describe('facets', () => {
  it('counts categories, price buckets and attribute values over the whole result', async () => {
    const { facets } = await search({ size: '1' });

    expect(facets.categories).toEqual([
      { value: 'kopi', count: 2 },
      { value: 'pemanis', count: 1 },
      { value: 'teh', count: 1 },
    ]);
    expect(facets.priceRanges).toEqual([
      { from: null, to: 50_000, count: 1 },
      { from: 50_000, to: 100_000, count: 2 },
      { from: 100_000, to: null, count: 1 },
    ]);
    expect(facets.attributes).toEqual([
      {
        name: 'brand',
        values: [
          { value: 'Acme', count: 2 },
          { value: 'Kencana', count: 1 },
          { value: 'Nusantara', count: 1 },
        ],
      },
      {
        name: 'origin',
        values: [
          { value: 'Aceh', count: 1 },
          { value: 'Toraja', count: 1 },
        ],
      },
      { name: 'roast', values: [{ value: 'medium', count: 1 }] },
    ]);
  });

  it('counts only what the query and filters match', async () => {
    const { facets } = await search({ q: 'kopi', category: 'kopi' });

    expect(facets.categories).toEqual([{ value: 'kopi', count: 2 }]);
  });
});

describe('suggestions for a search box', () => {
  it('when the prefix starts the name or a later word of it, then the product is suggested', async () => {
    expect((await catalog.index.suggest('gay', 5)).map((s) => s.text)).toEqual(['Kopi Gayo Arabika']);
    expect((await catalog.index.suggest('Kop', 5)).map((s) => s.text).sort()).toEqual(['Kopi Gayo Arabika', 'Kopi Toraja Robusta']);
  });

  it('suggests by SKU prefix, one suggestion per product, with its id and category', async () => {
    expect(await catalog.index.suggest('kopi-gay', 5)).toEqual([{ text: 'Kopi Gayo Arabika', productId: kopiGayo.id, category: 'kopi' }]);
  });

  it('never suggests a hidden product', async () => {
    expect((await catalog.index.suggest('kopi r', 5)).map((s) => s.text)).toEqual([]);
  });
});
