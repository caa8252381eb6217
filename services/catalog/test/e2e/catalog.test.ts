import { randomUUID } from 'node:crypto';
import type { ProductSearchedV1 } from '@pasar/contracts';
import {
  CUSTOMER_ID_HEADER,
  ReindexStatus,
  SearchProductsResponse,
  SuggestResponse,
  Topic,
  type ProductChangedV1,
  type ProductSnapshot,
} from '@pasar/contracts';
import { createLogger, DaprClient, startServer, subscribe, type RunningServer } from '@pasar/service-kit';
import {
  aProductSnapshot,
  deleteElasticsearchIndices,
  eventually,
  isolatedNameResolution,
  productChangedEvent,
  stackValue,
  startAppWithSidecar,
  startSubscriberApp,
  startProductStandIn,
  testResourceName,
  waitForSubscriptions,
  type AppUnderTest,
  type ProductStandIn,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';
import { createElasticsearchClient } from '../../src/data-access/elasticsearch.ts';

/**
 * The catalog in-process beside a real daprd, with a stand-in product app under AppId.product in a
 * name-resolution cluster of this file's own, and a peer app that publishes product-changed and
 * listens to product-searched. Every name carries `run`, so other tests' messages never confuse us.
 */
const run = randomUUID().slice(0, 8);
const prefix = testResourceName(`catalog_e2e_${run}`);
const broker = 'redis';
const nameResolutionDb = isolatedNameResolution();
const es = createElasticsearchClient(stackValue('ELASTICSEARCH_URL'));
const config = Config.parse({ APP_PORT: '0', ELASTICSEARCH_URL: stackValue('ELASTICSEARCH_URL'), CATALOG_INDEX_PREFIX: prefix });
const searchedMessages: ProductSearchedV1[] = [];
let standIn: ProductStandIn;
let catalog: AppUnderTest;
let peer: AppUnderTest;

beforeAll(async () => {
  standIn = await startProductStandIn({ broker, nameResolutionDb });
  catalog = await startAppWithSidecar({ appId: `catalog-${run}`, broker, nameResolutionDb, build: (deps) => buildService(config, deps) });
  peer = await startSubscriberApp({
    appId: `catalog-peer-${run}`,
    broker,
    nameResolutionDb,
    subscriptions: [subscribe(Topic.productSearched, async (message) => void searchedMessages.push(message), { deadLetterTopic: false })],
  });
  await Promise.all([waitForSubscriptions(catalog, 1), waitForSubscriptions(peer, 1)]);
});

afterAll(async () => {
  await Promise.all([peer?.stop(), catalog?.stop(), standIn?.stop()]);
  await deleteElasticsearchIndices(prefix);
  await es.close();
});

/** GET through the catalog's own sidecar, as the gateway reaches it. */
async function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${catalog.sidecar.url}/v1.0/invoke/${catalog.appId}/method${path}`, { headers });
}
async function search(query: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await get(`/search?${new URLSearchParams(query)}`, headers);
  expect(response.status).toBe(200);
  return SearchProductsResponse.parse(await response.json());
}
async function idsFound(q: string) {
  return (await search({ q, size: '100' })).items.map((item) => item.id);
}

/** The product service's side: its state changes, then it publishes the change (through a peer's sidecar here). */
async function productChanges(snapshot: ProductSnapshot, change: ProductChangedV1['change'] = 'updated') {
  standIn.put(snapshot);
  await peer.dapr.publish(Topic.productChanged, productChangedEvent(snapshot, change));
}

describe('the index follows product-changed messages', () => {
  it('when a product is created, then it becomes searchable through the catalog', async () => {
    const created = aProductSnapshot({ name: `Kopi Luwak ${run}`, revision: 1 });

    await productChanges(created, 'created');

    await eventually(async () => expect(await idsFound(run)).toContain(created.id));
  });

  it('when a newer revision arrives, then it wins; when an older one arrives after it, then it is ignored', async () => {
    const tea = aProductSnapshot({ name: `Teh Baru ${run}`, revision: 2 });
    await productChanges(tea);
    await eventually(async () => expect((await search({ q: `baru ${run}` })).items.map((i) => i.id)).toContain(tea.id));
    const conflictsBefore = await versionConflicts();

    await peer.dapr.publish(Topic.productChanged, productChangedEvent({ ...tea, name: `Teh Lama ${run}`, revision: 1 }));

    await eventually(async () => expect(await versionConflicts()).toBeGreaterThan(conflictsBefore));
    await es.indices.refresh({ index: prefix });
    expect((await search({ q: `baru ${run}` })).items.map((i) => i.id)).toContain(tea.id);
    expect((await search({ q: `lama ${run}` })).items.map((i) => i.id)).not.toContain(tea.id);
  });

  it('when a product is deleted, then search no longer finds it', async () => {
    const doomed = aProductSnapshot({ name: `Kerupuk Hapus ${run}`, revision: 1 });
    await productChanges(doomed, 'created');
    await eventually(async () => expect(await idsFound(`hapus ${run}`)).toContain(doomed.id));

    standIn.products.delete(doomed.id);
    await peer.dapr.publish(Topic.productChanged, { ...productChangedEvent(doomed, 'deleted'), revision: 2, product: null });

    await eventually(async () => expect(await idsFound(`hapus ${run}`)).not.toContain(doomed.id));
  });
});

describe('search', () => {
  it('when the product service has a newer price than the index, then search shows the current price and stock, from one bulk RPC', async () => {
    const rice = aProductSnapshot({ name: `Beras Pandan ${run}`, price: { amount: 12_000, currency: 'IDR' }, stock: 4 });
    await productChanges(rice);
    await eventually(async () => expect(await idsFound(`pandan ${run}`)).toContain(rice.id));
    standIn.put({ ...rice, price: { amount: 15_000, currency: 'IDR' }, stock: 0 });
    const callsBefore = standIn.calls.getProducts;

    const result = await search({ q: `pandan ${run}` });

    expect(result.pricesMayBeStale).toBe(false);
    expect(result.items.find((i) => i.id === rice.id)).toMatchObject({ price: { amount: 15_000 }, stock: 0, inStock: false });
    expect(standIn.calls.getProducts).toBe(callsBefore + 1);
  });

  it('when a search is made, then product-searched is published with the query, filters, result count and customer', async () => {
    const customerId = randomUUID();
    const q = `luwak ${run}`;

    const result = await search({ q, category: 'minuman' }, { [CUSTOMER_ID_HEADER]: customerId });

    await eventually(() =>
      expect(searchedMessages.find((m) => m.query === q)).toMatchObject({
        version: 1,
        customerId,
        filters: { category: ['minuman'], sort: 'relevance' },
        resultCount: result.total,
      }),
    );
  });

  it('when the query string is invalid, then a 400 problem names each bad field', async () => {
    const response = await get('/search?size=500&minPrice=murah&sort=cheapest');

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['query.minPrice', 'query.size', 'query.sort']);
  });

  it('suggests products for a prefix', async () => {
    const response = await get(`/suggest?prefix=${encodeURIComponent(`luwak ${run}`)}`);

    expect(response.status).toBe(200);
    expect(SuggestResponse.parse(await response.json()).suggestions.map((s) => s.text)).toEqual([`Kopi Luwak ${run}`]);
  });
});

describe('POST /reindex', () => {
  it('when the index is rebuilt, then the alias moves to a new index and searches keep answering throughout', async () => {
    const token = `reindex${run}`;
    for (let i = 0; i < 40; i++) standIn.put(aProductSnapshot({ name: `Sambal ${token} ${i}` }));
    const first = await reindexToCompletion();
    expect((await search({ q: token, size: '100' })).total).toBe(40);

    const started = await post('/reindex');
    expect(started.status).toBe(202);
    const totalsMeanwhile: number[] = [];
    let status: ReindexStatus;
    do {
      totalsMeanwhile.push((await search({ q: token })).total);
      status = await reindexStatus();
    } while (status.state === 'running');

    expect(status).toMatchObject({ state: 'succeeded', result: { previousIndices: [first.index], indexed: standIn.products.size } });
    expect(new Set(totalsMeanwhile)).toEqual(new Set([40]));
    expect(Object.keys(await es.indices.getAlias({ name: prefix }))).toEqual([status.result!.index]);
    expect(await es.indices.exists({ index: first.index })).toBe(false);
    expect((await search({ q: token })).total).toBe(40);
  });
});

async function reindexStatus(): Promise<ReindexStatus> {
  return ReindexStatus.parse(await (await get('/reindex')).json());
}
async function reindexToCompletion() {
  expect((await post('/reindex')).status).toBe(202);
  const status = await eventually(
    async () => {
      const current = await reindexStatus();
      expect(current.state).not.toBe('running');
      return current;
    },
    { timeoutMs: 60_000 },
  );
  expect(status.error).toBeNull();
  return status.result!;
}

describe('when a dependency is down', () => {
  it('when Elasticsearch cannot be reached, then search answers 503 quickly', async () => {
    const down = await catalogWithElasticsearchAt('http://127.0.0.1:1');
    try {
      const started = Date.now();
      const response = await fetch(`http://127.0.0.1:${down.port}/search?q=kopi`);

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(Date.now() - started).toBeLessThan(1000);
      expect((await fetch(`http://127.0.0.1:${down.port}/readyz`)).status).toBe(503);
    } finally {
      await down.stop();
    }
  });

  // Last: it stops the stand-in product app.
  it('when the product service is stopped, then search still answers from the index with pricesMayBeStale', async () => {
    const cheese = aProductSnapshot({ name: `Keju Stale ${run}`, price: { amount: 40_000, currency: 'IDR' } });
    await productChanges(cheese);
    await eventually(async () => expect(await idsFound(`stale ${run}`)).toContain(cheese.id));

    await standIn.stop();

    const result = await search({ q: `stale ${run}` });
    expect(result.pricesMayBeStale).toBe(true);
    expect(result.items.find((i) => i.id === cheese.id)).toMatchObject({ price: { amount: 40_000 } });
  });
});

function post(path: string) {
  return fetch(`${catalog.sidecar.url}/v1.0/invoke/${catalog.appId}/method${path}`, { method: 'POST' });
}

/** A second catalog, without a sidecar: only its own answers are under test. */
async function catalogWithElasticsearchAt(url: string): Promise<RunningServer> {
  const logger = createLogger('catalog-es-down', 'silent');
  const dapr = new DaprClient({ host: '127.0.0.1', httpPort: 1, timeoutMs: 500 });
  const built = await buildService(Config.parse({ APP_PORT: '0', ELASTICSEARCH_URL: url, CATALOG_INDEX_PREFIX: `${prefix}-down` }), {
    logger,
    dapr,
  });
  return startServer(built.app, { port: 0, logger, ...(built.closers && { closers: built.closers }) });
}

/** How many writes this file's index refused as older than what it holds. */
async function versionConflicts(): Promise<number> {
  const stats = await es.indices.stats({ index: prefix, metric: 'indexing' });
  const indexing = stats._all.primaries?.indexing as { index_failed_due_to_version_conflict?: number } | undefined;
  return indexing?.index_failed_due_to_version_conflict ?? 0;
}
