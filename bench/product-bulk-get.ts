/**
 * What "get product" costs in bulk: the product service beside its daprd, seeded with BENCH_PRODUCTS
 * products (1000) through its REST API; then getProducts for BENCH_IDS (100) random ids per call,
 * straight to the app and through another app's sidecar (as catalog and order call it). Prints
 * throughput and p50/p99.
 *
 * On FerretDB 1.24 (the native stack) `_id: { $in }` is not pushed down to SQLite: each call scans the
 * whole collection and calls queue inside FerretDB, so expect latency to grow with the collection and
 * with concurrency (on MongoDB the _id index serves it). Hence the modest default BENCH_REQUESTS.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { AppId, getProducts, ProductSnapshot } from '@pasar/contracts';
import { createServiceApp, sidecarCheck } from '@pasar/service-kit';
import {
  eventually,
  isolatedNameResolution,
  printLoadTable,
  runLoad,
  stackValue,
  startAppWithSidecar,
  testResourceName,
} from '@pasar/testing';
import { MongoClient } from 'mongodb';
import { buildService } from '../services/product/src/app.ts';
import { Config } from '../services/product/src/config.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 200);
const productCount = Number(process.env.BENCH_PRODUCTS ?? 1000);
const idsPerCall = Number(process.env.BENCH_IDS ?? 100);
const broker = 'redis';

const run = Date.now().toString(36);
const database = testResourceName(`product_bench_${run}`);
const nameResolutionDb = isolatedNameResolution();
const config = Config.parse({ APP_PORT: '0', MONGODB_URL: stackValue('MONGODB_URL'), MONGODB_DATABASE: database, LOG_LEVEL: 'warn' });
const product = await startAppWithSidecar({ appId: AppId.product, broker, nameResolutionDb, build: (deps) => buildService(config, deps) });
const caller = await startAppWithSidecar({
  appId: `bench-caller-${run}`,
  broker,
  nameResolutionDb,
  build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)] }) }),
});
const mongo = new MongoClient(stackValue('MONGODB_URL'));

try {
  const ids = await seed(productCount);
  await outboxDrained();
  const randomIds = () => Array.from({ length: idsPerCall }, () => ids[randomInt(ids.length)]!);
  const direct = async () => {
    const response = await fetch(`${product.appUrl}${getProducts.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids: randomIds() }),
    });
    if (!response.ok) throw new Error(String(response.status));
    await response.arrayBuffer();
  };
  const throughDapr = () => caller.dapr.invoke(getProducts, { body: { ids: randomIds() } });

  const load = { concurrency, requests, warmup: concurrency };
  console.log(
    `product bulk get: ${idsPerCall} of ${ids.length} products per call, concurrency ${concurrency}, ${requests} requests per case`,
  );
  printLoadTable([
    await runLoad('getProducts, app directly', direct, load),
    await runLoad("getProducts, from another app's sidecar", throughDapr, load),
  ]);
} finally {
  await caller.stop();
  await product.stop();
  await mongo
    .db(database)
    .dropDatabase()
    .catch(() => undefined);
  await mongo.close();
}

/** Creates products through the REST API, 16 at a time; returns their ids. */
async function seed(count: number): Promise<string[]> {
  const started = performance.now();
  const ids: string[] = [];
  const create = async (n: number) => {
    const response = await fetch(`${product.appUrl}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sku: `BENCH-${run}-${n}`,
        name: `Produk ${n}`,
        description: 'A product of the bulk-get benchmark.',
        category: 'electronics',
        price: { amount: 10_000 + n },
        stock: 100,
        images: [`https://img.example.com/${randomUUID()}.jpg`],
        attributes: { brand: 'Bench', warrantyMonths: 12 },
      }),
    });
    if (response.status !== 201) throw new Error(`seeding answered ${response.status}: ${await response.text()}`);
    ids.push(ProductSnapshot.parse(await response.json()).id);
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) await create(next++);
    }),
  );
  console.log(`seeded ${ids.length} products in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return ids;
}

/** Waits until the relay has published every product-changed event, so it does not compete with the measurement. */
async function outboxDrained(): Promise<void> {
  const products = mongo.db(database).collection('products');
  await eventually(
    async () => {
      const pending = await products.countDocuments({ 'outbox.eventId': { $exists: true } });
      if (pending > 0) throw new Error(`${pending} products still have events to publish`);
    },
    { timeoutMs: 300_000, intervalMs: 1000 },
  );
}
