/**
 * What the public entry costs: the same product read (GET one product) through the gateway (gateway
 * app -> its daprd -> product's daprd -> product), straight to the product service's sidecar, and
 * straight to the product service, in one run. Prints throughput, p50/p99 and the ratios.
 */
import { AppId, ProductResponse } from '@pasar/contracts';
import { isolatedNameResolution, printLoadTable, runLoad, stackValue, startAppWithSidecar, testResourceName } from '@pasar/testing';
import { buildService as buildGateway } from '../services/gateway/src/app.ts';
import { Config as GatewayConfig } from '../services/gateway/src/config.ts';
import { buildService as buildProduct } from '../services/product/src/app.ts';
import { Config as ProductConfig } from '../services/product/src/config.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 2000);
const run = Date.now().toString(36);
const nameResolutionDb = isolatedNameResolution();

const productConfig = ProductConfig.parse({
  APP_PORT: '0',
  MONGODB_URL: stackValue('MONGODB_URL'),
  MONGODB_DATABASE: testResourceName(`gateway_bench_${run}`),
  LOG_LEVEL: 'warn',
});
const gatewayConfig = GatewayConfig.parse({
  APP_PORT: '0',
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: String(requests * 10),
  RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'),
});
const product = await startAppWithSidecar({
  appId: AppId.product,
  broker: 'redis',
  nameResolutionDb,
  build: (deps) => buildProduct(productConfig, deps),
});
const gateway = await startAppWithSidecar({
  appId: AppId.gateway,
  broker: 'redis',
  nameResolutionDb,
  build: (deps) => buildGateway(gatewayConfig, deps),
});

const get = (url: string) => async () => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  await response.arrayBuffer();
};

try {
  const created = await fetch(`${product.appUrl}/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sku: `BENCH-${run}`,
      name: 'Kopi Gayo',
      category: 'food',
      price: { amount: 75_000, currency: 'IDR' },
      stock: 10,
      attributes: { weightGrams: 250, expiryDate: '2027-12-31' },
    }),
  });
  const { id } = ProductResponse.parse(await created.json());

  console.log(`gateway overhead: GET one product, concurrency ${concurrency}, ${requests} requests per case`);
  const results = [
    await runLoad('product service directly', get(`${product.appUrl}/products/${id}`), { concurrency, requests }),
    await runLoad("product's own sidecar", get(`${product.sidecar.url}/v1.0/invoke/${AppId.product}/method/products/${id}`), {
      concurrency,
      requests,
    }),
    await runLoad('through the gateway', get(`${gateway.appUrl}/api/products/${id}`), { concurrency, requests }),
  ];
  printLoadTable(results);
  const [direct, sidecar, viaGateway] = results;
  console.log(
    `p50 ratio gateway/direct ${(viaGateway!.p50Ms / direct!.p50Ms).toFixed(2)}x, gateway/sidecar ${(viaGateway!.p50Ms / sidecar!.p50Ms).toFixed(2)}x`,
  );
  console.log(
    `p99 ratio gateway/direct ${(viaGateway!.p99Ms / direct!.p99Ms).toFixed(2)}x, gateway/sidecar ${(viaGateway!.p99Ms / sidecar!.p99Ms).toFixed(2)}x`,
  );
} finally {
  await gateway.stop();
  await product.stop();
}
