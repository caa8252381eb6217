import { SearchProductsQuery, type ProductChangedV1 } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import { aProductSnapshot, productChangedEvent, productDeletedEvent } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElasticsearchClient } from '../../src/data-access/elasticsearch.ts';
import { createIndexAdmin, indexNamesFor } from '../../src/data-access/index-admin.ts';
import { createProductIndex } from '../../src/data-access/product-index.ts';
import { createIndexMaintenance } from '../../src/domain/index-maintenance.ts';
import { catalogIndexFor } from '../support/catalog-index.ts';

const catalog = catalogIndexFor();
beforeAll(() => catalog.admin.ensureLiveIndex());
afterAll(() => catalog.cleanUp());

async function apply(message: ProductChangedV1) {
  const outcome = await createIndexMaintenance(catalog.index)(message);
  await catalog.refresh();
  return outcome;
}
async function found(productId: string) {
  const result = await catalog.index.search(SearchProductsQuery.parse({ size: '100' }));
  return result.hits.find((hit) => hit.product.id === productId)?.product;
}

describe('product changes reach the index exactly as the newest revision says', () => {
  it('when a product is created, then it is searchable', async () => {
    const product = aProductSnapshot({ name: 'Sambal Roa', revision: 1 });

    expect(await apply(productChangedEvent(product, 'created'))).toBe('written');
    expect(await found(product.id)).toMatchObject({ name: 'Sambal Roa' });
  });

  it('when an older revision arrives after a newer one, then it changes nothing', async () => {
    const product = aProductSnapshot({ name: 'Kecap Manis v5', revision: 5 });
    await apply(productChangedEvent(product));

    expect(await apply(productChangedEvent({ ...product, name: 'Kecap Manis v3', revision: 3 }))).toBe('stale');
    expect(await found(product.id)).toMatchObject({ name: 'Kecap Manis v5' });
  });

  it('when the same message is delivered twice, then the second is a no-op', async () => {
    const message = productChangedEvent(aProductSnapshot({ name: 'Terasi Udang', revision: 2 }));

    expect(await apply(message)).toBe('written');
    expect(await apply(message)).toBe('stale');
  });

  it('when a product is deleted, then it disappears, and an older create can never bring it back', async () => {
    const product = aProductSnapshot({ name: 'Abon Sapi', revision: 1 });
    await apply(productChangedEvent(product, 'created'));

    expect(await apply(productDeletedEvent(product.id, 2))).toBe('written');
    expect(await found(product.id)).toBeUndefined();
    expect(await apply(productChangedEvent(product, 'created'))).toBe('stale');
    expect(await found(product.id)).toBeUndefined();
    expect(await catalog.index.suggest('abon', 5)).toEqual([]);
  });

  it('when a product becomes inactive, then it is hidden; active again, it is back', async () => {
    const product = aProductSnapshot({ name: 'Dodol Garut', revision: 1 });
    await apply(productChangedEvent(product));

    await apply(productChangedEvent({ ...product, active: false, revision: 2 }));
    expect(await found(product.id)).toBeUndefined();

    await apply(productChangedEvent({ ...product, revision: 3 }));
    expect(await found(product.id)).toMatchObject({ name: 'Dodol Garut' });
  });

  it('when a message says deleted but still carries the product, then it is treated as deleted', async () => {
    const product = aProductSnapshot({ name: 'Rendang Kering', revision: 1 });
    await apply(productChangedEvent(product));

    await apply({ ...productChangedEvent({ ...product, revision: 2 }), change: 'deleted' });
    expect(await found(product.id)).toBeUndefined();
  });

  it('when no index exists yet, then the first write creates it behind the alias, never a plain index under the alias name', async () => {
    const fresh = catalogIndexFor();
    try {
      await createIndexMaintenance(fresh.index)(productChangedEvent(aProductSnapshot()));
      expect(await fresh.admin.liveIndices()).toEqual([`${fresh.prefix}-initial`]);
    } finally {
      await fresh.cleanUp();
    }
  });
});

describe('when Elasticsearch cannot be reached', () => {
  it('then searching and writing fail fast with a 503', async () => {
    const es = createElasticsearchClient('http://127.0.0.1:1', 1000);
    const admin = createIndexAdmin(es, indexNamesFor('unreachable'), {
      shards: 1,
      replicas: 0,
      edgeNgramAutocomplete: false,
      adminTimeoutMs: 30_000,
    });
    const index = createProductIndex(es, admin, { priceBuckets: [1], edgeNgramAutocomplete: false });
    const started = Date.now();

    const searching = await index.search(SearchProductsQuery.parse({ q: 'kopi' })).catch((e: unknown) => e);
    const writing = await createIndexMaintenance(index)(productChangedEvent(aProductSnapshot())).catch((e: unknown) => e);

    expect(searching).toBeInstanceOf(AppError);
    expect((searching as AppError).status).toBe(503);
    expect((writing as AppError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
    await es.close();
  });
});
