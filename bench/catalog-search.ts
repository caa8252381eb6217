/**
 * Catalog search under load, at each catalogue size of BENCH_PRODUCT_COUNTS (10,000 and 100,000):
 * the generated products indexed (POST /reindex: paged listProductPage RPC and one _bulk per page),
 * then the same mix of search queries at concurrency 16 for BENCH_SECONDS per case, sent by the load
 * generator in a process of its own (bench/load), (1) straight to Elasticsearch with the very request the catalog builds, (2) to the catalog app
 * directly and (3) through the catalog's Dapr sidecar, as the gateway calls it. Cases 2 and 3
 * include hydration: one getProducts RPC per search to a stand-in product app (the real product
 * service is not ready), over two more sidecar hops. Publishing product-searched is off unless
 * BENCH_PUBLISH_SEARCHES=1, so a benchmark does not flood the shared topic with fake searches.
 */
import { randomUUID } from 'node:crypto';
import { ReindexStatus, SearchProductsQuery, SearchProductsResponse, type ProductSnapshot } from '@pasar/contracts';
import { envFlag, parseInput } from '@pasar/service-kit';
import {
  aProductSnapshot,
  deleteElasticsearchIndices,
  eventually,
  isolatedNameResolution,
  stackValue,
  startAppWithSidecar,
  startProductStandIn,
  testResourceName,
} from '@pasar/testing';
import { buildService } from '../services/catalog/src/app.ts';
import { Config } from '../services/catalog/src/config.ts';
import { searchRequestOf } from '../services/catalog/src/data-access/search-query.ts';
import { withAttributeFilters } from '../services/catalog/src/routes/search.ts';
import { printStepTable, ratio, type StepFigures } from './load/figures.ts';
import { measure } from './load/generator.ts';
import { recordFigures } from './load/report.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const productCounts = (process.env.BENCH_PRODUCT_COUNTS ?? '10000,100000').split(',').map(Number);
const publishSearches = envFlag(false).parse(process.env.BENCH_PUBLISH_SEARCHES);
const broker = 'redis';
const elasticsearchUrl = stackValue('ELASTICSEARCH_URL');

const queries: Array<Record<string, string>> = [
  { q: 'arabika' },
  { q: 'kopi premium' },
  { q: 'robsuta organik' }, // typos
  { q: 'keripik', minPrice: '20000', maxPrice: '300000' },
  { category: 'kopi', sort: 'price_asc' },
  { 'attr.brand': 'Acme', inStock: 'true' },
  { q: 'pandan aceh', sort: 'newest' },
  { q: 'wajan', page: '2', size: '20' },
  { q: 'madu hutan', 'attr.origin': 'Papua' },
  { q: 'cabai pedas', category: 'sambal', size: '50' },
];

const categories = ['kopi', 'teh', 'rempah', 'camilan', 'peralatan-dapur', 'sambal', 'beras', 'madu'];
const brands = ['Acme', 'Nusantara', 'Sumber Rasa', 'Pelangi', 'Kencana', 'Merapi'];
const origins = ['Aceh', 'Toraja', 'Flores', 'Bali', 'Java', 'Papua', 'Sumatra'];
const nouns = ['Arabika', 'Robusta', 'Melati', 'Kayu Manis', 'Keripik', 'Wajan', 'Cabai', 'Pandan', 'Hutan', 'Kelapa'];
const adjectives = ['Premium', 'Organik', 'Pedas', 'Manis', 'Segar', 'Klasik', 'Spesial', 'Asli'];

/** n deterministic products across several categories, brands and prices (for the benchmark). */
function generatedProducts(n: number): ProductSnapshot[] {
  const base = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const pick = <T>(list: T[], salt: number) => list[(i * salt + salt) % list.length]!;
    const category = pick(categories, 7);
    const origin = pick(origins, 11);
    return aProductSnapshot({
      sku: `GEN-${String(i).padStart(6, '0')}`,
      name: `${pick(nouns, 3)} ${pick(adjectives, 5)} ${origin} ${i}`,
      description: `${pick(adjectives, 13)} ${pick(nouns, 17)} dari ${origin}, kategori ${category}.`,
      category,
      price: { amount: 5_000 + ((i * 7919) % 200) * 5_000, currency: 'IDR' },
      stock: i % 9 === 0 ? 0 : (i * 31) % 120,
      attributes: { brand: pick(brands, 19), origin, weightGrams: 100 + (i % 10) * 50 },
      createdAt: new Date(base + i * 60_000).toISOString(),
      updatedAt: new Date(base + i * 60_000).toISOString(),
    });
  });
}

const figures: Array<{ products: number; steps: StepFigures[] }> = [];
for (const productCount of productCounts) figures.push({ products: productCount, steps: await measureAt(productCount) });
console.log('search p99 as the catalogue grows (catalog via its sidecar / Elasticsearch directly):');
for (const { products, steps } of figures) {
  console.log(
    `  ${products} products: Elasticsearch ${steps[0]!.p99Ms.toFixed(1)} ms, catalog ${steps[2]!.p99Ms.toFixed(1)} ms, ratio ${ratio(steps[2]!.p99Ms, steps[0]!.p99Ms)} (target: at most 1.5x)`,
  );
}
const [smallest, largest] = [figures[0], figures.at(-1)];
if (smallest && largest && smallest !== largest) {
  console.log(
    `growth ${smallest.products} -> ${largest.products} products: Elasticsearch p99 ${ratio(largest.steps[0]!.p99Ms, smallest.steps[0]!.p99Ms)}, catalog p99 ${ratio(largest.steps[2]!.p99Ms, smallest.steps[2]!.p99Ms)}`,
  );
}
recordFigures('catalog-search', figures);

async function measureAt(productCount: number): Promise<StepFigures[]> {
  const run = `${Date.now().toString(36)}-${randomUUID().slice(0, 4)}`;
  const prefix = testResourceName(`bench_catalog_${run}`);
  const config = Config.parse({
    APP_PORT: '0',
    ELASTICSEARCH_URL: elasticsearchUrl,
    CATALOG_INDEX_PREFIX: prefix,
    CATALOG_PUBLISH_SEARCHES: String(publishSearches),
  });
  const nameResolutionDb = isolatedNameResolution();
  const standIn = await startProductStandIn({ broker, nameResolutionDb, products: generatedProducts(productCount) });
  const catalog = await startAppWithSidecar({
    appId: `catalog-bench-${run}`,
    broker,
    nameResolutionDb,
    build: (deps) => buildService(config, deps),
  });
  try {
    const started = performance.now();
    const reindex = await fetch(`${catalog.appUrl}/reindex`, { method: 'POST' });
    if (reindex.status !== 202) throw new Error(`POST /reindex answered ${reindex.status}: ${await reindex.text()}`);
    const finished = await eventually(
      async () => {
        const status = ReindexStatus.parse(await (await fetch(`${catalog.appUrl}/reindex`)).json());
        if (status.state === 'running') throw new Error('the reindex is still running');
        return status;
      },
      { timeoutMs: 900_000, intervalMs: 250 },
    );
    const reindexed = finished.result;
    if (!reindexed) throw new Error(`the reindex failed: ${finished.error}`);
    console.log(
      `indexed ${reindexed.indexed} products in ${reindexed.pages} bulk pages in ${((performance.now() - started) / 1000).toFixed(1)} s (POST /reindex)`,
    );
    const probe = SearchProductsResponse.parse(await (await fetch(`${catalog.appUrl}/search?q=arabika`)).json());
    if (probe.total === 0 || probe.pricesMayBeStale)
      throw new Error(`the catalog is not ready to measure: ${probe.total} hits, pricesMayBeStale ${probe.pricesMayBeStale}`);

    const searchPaths = queries.map((q) => `/search?${new URLSearchParams(q)}`);
    const rawSearches = queries.map((q) => ({
      method: 'POST',
      path: `/${prefix}/_search`,
      body: searchRequestOf(parseInput(SearchProductsQuery, withAttributeFilters(q), 'query'), {
        priceBuckets: config.CATALOG_PRICE_BUCKETS,
      }),
    }));
    const sidecarBase = `/v1.0/invoke/${catalog.appId}/method`;
    console.log(
      `catalog search, ${productCount} products: ${queries.length} queries in rotation, c=${concurrency}, ${durationSeconds} s per case, product-searched publishing ${publishSearches ? 'on' : 'off'}`,
    );
    const timing = { durationSeconds };
    const results = [
      await measure(
        new URL(elasticsearchUrl).origin,
        { name: 'Elasticsearch directly', connections: concurrency, requests: rawSearches },
        timing,
      ),
      await measure(
        catalog.appUrl,
        {
          name: 'catalog app directly (hydrated)',
          connections: concurrency,
          requests: searchPaths.map((path) => ({ method: 'GET', path })),
        },
        timing,
      ),
      await measure(
        catalog.sidecar.url,
        {
          name: 'catalog via its sidecar (hydrated)',
          connections: concurrency,
          requests: searchPaths.map((path) => ({ method: 'GET', path: sidecarBase + path })),
        },
        timing,
      ),
    ];
    printStepTable(results);
    if (results.some((r) => r.errors > 0)) console.log('(errors above: the figures are not comparable)');
    console.log(`getProducts calls answered by the stand-in product app: ${standIn.calls.getProducts}`);
    return results;
  } finally {
    await catalog.stop();
    await standIn.stop();
    await deleteElasticsearchIndices(prefix);
  }
}
