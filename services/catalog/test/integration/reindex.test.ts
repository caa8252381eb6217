import type { ProductSnapshot } from '@pasar/contracts';
import { AppError, createLogger } from '@pasar/service-kit';
import { aProductSnapshot } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import { createReindexer } from '../../src/domain/reindex.ts';
import { documentFor } from '../../src/domain/index-maintenance.ts';
import { catalogIndexFor } from '../support/catalog-index.ts';

const catalog = catalogIndexFor();
afterAll(() => catalog.cleanUp());

/**
 * The product service's side of a reindex, in memory: listProductPage over a list. `holdAfterPage`
 * lets a test act while the rebuild is half done.
 */
class ListedProducts implements Peers {
  private release: (() => void) | undefined;
  private reachedHold: (() => void) | undefined;
  readonly holding: Promise<void>;
  readonly products: ProductSnapshot[];
  private readonly options: { holdAfterPage?: number; failOnPage?: number };

  constructor(products: ProductSnapshot[], options: { holdAfterPage?: number; failOnPage?: number } = {}) {
    this.products = products;
    this.options = options;
    this.holding = new Promise((resolve) => {
      this.reachedHold = resolve;
    });
  }

  async getProducts(ids: string[]) {
    return this.products.filter((p) => ids.includes(p.id));
  }

  async listPage(cursor: string | null, limit: number) {
    const start = cursor === null ? 0 : Number(cursor);
    const page = start / limit + 1;
    if (page === this.options.failOnPage) throw AppError.unavailable('product is unavailable');
    if (page === this.options.holdAfterPage) {
      this.reachedHold?.();
      await new Promise<void>((resolve) => {
        this.release = resolve;
      });
    }
    const next = start + limit;
    return { products: this.products.slice(start, next), nextCursor: next < this.products.length ? String(next) : null };
  }

  resume() {
    this.release?.();
  }
}

const reindexerFor = (products: Peers) =>
  createReindexer({
    admin: catalog.admin,
    index: catalog.index,
    peers: products,
    pageSize: 3,
    logger: createLogger('reindex-test', 'silent'),
  });
const searchAll = () => catalog.index.search({ sort: 'newest', size: 100 });
const namesInIndex = async () => (await searchAll()).hits.map((h) => h.product.name).sort();

const oldProducts = [aProductSnapshot({ name: 'Lama Satu' }), aProductSnapshot({ name: 'Lama Dua' })];
beforeAll(() => catalog.put(...oldProducts));

describe('POST /reindex rebuilds the index from the product service and swaps the alias', () => {
  it('when it completes, then the alias points to a new index holding every listed product, and the old index is gone', async () => {
    const listed = [
      ...Array.from({ length: 8 }, (_, i) => aProductSnapshot({ name: `Baru ${i}` })),
      aProductSnapshot({ name: 'Nonaktif', active: false }),
    ];
    const [previous] = await catalog.admin.liveIndices();

    const reindexer = reindexerFor(new ListedProducts(listed));
    const result = await reindexer.rebuild();

    expect(reindexer.status()).toMatchObject({ state: 'succeeded', result, error: null });
    expect(result).toMatchObject({ alias: catalog.prefix, previousIndices: [previous], indexed: 9, hidden: 1, pages: 3 });
    expect(await catalog.admin.liveIndices()).toEqual([result.index]);
    expect(await catalog.es.indices.exists({ index: previous! })).toBe(false);
    expect(await namesInIndex()).toEqual(
      listed
        .filter((p) => p.active)
        .map((p) => p.name)
        .sort(),
    );
  });

  it('while it runs, then searches answer from the old index, and changes arriving meanwhile land in the new one too', async () => {
    const before = await namesInIndex();
    const listed = new ListedProducts(
      [
        aProductSnapshot({ name: 'Gelombang A' }),
        aProductSnapshot({ name: 'Gelombang B' }),
        aProductSnapshot({ name: 'Gelombang C' }),
        aProductSnapshot({ name: 'Gelombang D' }),
      ],
      { holdAfterPage: 2 },
    );
    const rebuilding = reindexerFor(listed).rebuild();
    await listed.holding;

    expect(await namesInIndex()).toEqual(before);
    const arrivedMeanwhile = aProductSnapshot({ name: 'Datang Saat Reindex', revision: 7 });
    expect(await catalog.index.write(documentFor(arrivedMeanwhile))).toBe('written');
    listed.resume();
    await rebuilding;

    expect(await namesInIndex()).toEqual(['Datang Saat Reindex', 'Gelombang A', 'Gelombang B', 'Gelombang C', 'Gelombang D']);
  });

  it('when a second reindex is asked for while one runs, then it is refused with 409', async () => {
    const listed = new ListedProducts([aProductSnapshot(), aProductSnapshot(), aProductSnapshot(), aProductSnapshot()], {
      holdAfterPage: 2,
    });
    const reindexer = reindexerFor(listed);
    const first = reindexer.rebuild();
    await listed.holding;

    await expect(reindexer.rebuild()).rejects.toMatchObject({ status: 409 });
    listed.resume();
    await first;
  });

  it('when the product service fails half way, then the alias and its index stay as they were and the half-built index is dropped', async () => {
    await reindexerFor(new ListedProducts([aProductSnapshot({ name: 'Tetap' })])).rebuild();
    const live = await catalog.admin.liveIndices();

    const reindexer = reindexerFor(
      new ListedProducts(
        Array.from({ length: 7 }, () => aProductSnapshot()),
        { failOnPage: 2 },
      ),
    );
    const failure = await reindexer.rebuild().catch((e: unknown) => e);

    expect((failure as AppError).status).toBe(503);
    expect(reindexer.status()).toMatchObject({ state: 'failed', result: null, error: 'product is unavailable' });
    expect(await catalog.admin.liveIndices()).toEqual(live);
    expect(await namesInIndex()).toEqual(['Tetap']);
    const all = Object.keys(await catalog.es.indices.get({ index: `${catalog.prefix}-*` }));
    expect(all).toEqual(live);
  });
});
