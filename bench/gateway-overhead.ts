/**
 * What the public entry costs, measured by the load generator in a process of its own (bench/load):
 * `/healthz` straight to the product app, through its own sidecar and through two sidecar hops (the
 * gateway's daprd -> product's daprd), then the same product read (GET one product) directly, over
 * the two hops, and through the gateway (gateway app -> its daprd -> product's daprd -> product); the
 * same for the categories, which the product app answers from memory, so the gateway's own cost is
 * not hidden behind FerretDB's. The limit is the two-hop case: the gateway adds its work on top of
 * exactly that path. At c=1 and
 * c=16; BENCH_SECONDS per case. BENCH_PROFILE=1 also writes a CPU profile of the gateway case at c=16
 * to .stack/artifacts/ (the gateway and the product app share this process: read the gateway's frames).
 */
import path from 'node:path';
import { AppId } from '@pasar/contracts';
import { repoRoot } from '@pasar/testing';
import { profiled } from './load/cpu-profile.ts';
import { printStepTable, ratio, type StepFigures } from './load/figures.ts';
import { startGatewayAndProduct } from './load/gateway-and-product.ts';
import { measure } from './load/generator.ts';
import { recordFigures } from './load/report.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrencies = [1, 16];
const {
  product,
  gateway,
  productId: id,
  stop,
} = await startGatewayAndProduct({ databasePrefix: 'gateway_bench', rateLimitPerMinute: 100_000_000 });

const twoHops = (method: string) => `${gateway.sidecar.url}/v1.0/invoke/${AppId.product}/method/${method}`;

try {
  const cases: Array<[name: string, url: string]> = [
    ['healthz: app directly', `${product.appUrl}/healthz`],
    ['healthz: own sidecar', `${product.sidecar.url}/v1.0/invoke/${AppId.product}/method/healthz`],
    ['healthz: two sidecar hops', twoHops('healthz')],
    ['categories: directly', `${product.appUrl}/categories`],
    ['categories: two sidecar hops', twoHops('categories')],
    ['categories: through the gateway', `${gateway.appUrl}/api/categories`],
    ['product read: directly', `${product.appUrl}/products/${id}`],
    ['product read: two sidecar hops', twoHops(`products/${id}`)],
    ['product read: through the gateway', `${gateway.appUrl}/api/products/${id}`],
  ];
  const figures: Record<string, StepFigures[]> = {};
  for (const connections of concurrencies) {
    console.log(`gateway overhead, c=${connections}, ${durationSeconds} s per case (autocannon in its own process)`);
    const results: StepFigures[] = [];
    for (const [name, url] of cases) results.push(await measureCase(name, url, connections));
    printStepTable(results);
    printGatewayCost('categories (cached upstream)', results[4]!, results[5]!);
    printGatewayCost('product read', results[7]!, results[8]!);
    figures[`c${connections}`] = results;
  }
  recordFigures('gateway-overhead', figures);
} finally {
  await stop();
}

function printGatewayCost(what: string, twoHopLimit: StepFigures, viaGateway: StepFigures): void {
  console.log(
    `${what}, gateway over two hops: p50 +${(viaGateway.p50Ms - twoHopLimit.p50Ms).toFixed(2)} ms (${ratio(viaGateway.p50Ms, twoHopLimit.p50Ms)}), ` +
      `p99 ${ratio(viaGateway.p99Ms, twoHopLimit.p99Ms)}, throughput ${ratio(viaGateway.perSecond, twoHopLimit.perSecond)} of two hops`,
  );
}

async function measureCase(name: string, url: string, connections: number): Promise<StepFigures> {
  const { origin, pathname, search } = new URL(url);
  const step = { name, connections, requests: [{ method: 'GET', path: pathname + search }] };
  const work = () => measure(origin, step, { durationSeconds });
  if (process.env.BENCH_PROFILE === '1' && name === 'categories: through the gateway' && connections > 1) {
    return profiled(path.join(repoRoot, '.stack/artifacts/gateway-cpu.cpuprofile'), work);
  }
  return work();
}
