/**
 * What tracing costs (issue 13): the gateway's product read (gateway -> its daprd -> product's daprd ->
 * product -> MongoDB) and the order placement (POST /orders through the order sidecar, with customer
 * and product stand-ins, PostgreSQL and the outbox, payment behind), side by side with tracing off
 * and with every trace sampled. Each setting runs in a process of its own, as the apps would:
 * - off: started without the telemetry module, no ZIPKIN_ENDPOINT (the sidecars export nothing either);
 * - sampling 1.0: `node --import @pasar/service-kit/telemetry`, TRACE_SAMPLING_RATE=1, spans to the stack's Zipkin.
 * Target: at most 10% fewer requests per second and at most 1 ms more p50 with sampling 1.0. Each
 * case runs twice on the same apps: one request at a time for the p50 (at concurrency 16 the p50 is
 * mostly time spent queueing, so it grows with any loss of throughput), then at BENCH_CONCURRENCY
 * for the requests per second.
 */
import { execFileSync } from 'node:child_process';
import { runUntraced } from '@pasar/service-kit';
import { printLoadTable, repoRoot, runLoad, stackValue, type LoadResult } from '@pasar/testing';
import { startSystem } from '../tests/support/order-system.ts';
import { startGatewayAndProduct } from './load/gateway-and-product.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const latencyRequests = Number(process.env.BENCH_LATENCY_REQUESTS ?? 300);
const RESULT_PREFIX = 'tracing-overhead-result ';

/** The load generator is the shop's client, which sends no trace: its own calls make no spans. */
const untraced =
  <T>(call: () => Promise<T>) =>
  () =>
    runUntraced(call);

/** The p50 one request at a time, then the throughput under load, of one case on the same apps. */
async function latencyThenThroughput(name: string, call: () => Promise<void>): Promise<LoadResult[]> {
  const latency = await runLoad(`${name}, c=1`, call, { concurrency: 1, requests: latencyRequests });
  const throughput = await runLoad(`${name}, c=${concurrency}`, call, { concurrency, requests });
  return [latency, throughput];
}

async function productRead(): Promise<LoadResult[]> {
  const {
    gateway,
    productId: id,
    stop,
  } = await startGatewayAndProduct({ databasePrefix: 'tracing_bench', rateLimitPerMinute: requests * 10 });
  try {
    const read = untraced(async () => {
      const response = await fetch(`${gateway.appUrl}/api/products/${id}`);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(String(response.status));
    });
    return await latencyThenThroughput('GET /api/products/:id (gateway)', read);
  } finally {
    await stop();
  }
}

async function orderPlacement(): Promise<LoadResult[]> {
  const system = await startSystem({ broker: 'redis' });
  try {
    const customers = Array.from({ length: 50 }, () => system.customer.addCustomer());
    const products = Array.from({ length: 20 }, () => system.product.addProduct({ stock: 1_000_000 }));
    let n = 0;
    const place = untraced(async () => {
      const i = n++;
      const response = await system.orders('POST', '/orders', {
        customerId: customers[i % customers.length]!.id,
        body: { items: [{ productId: products[i % products.length]!.id, quantity: 1 }] },
      });
      await response.arrayBuffer();
      if (response.status !== 201) throw new Error(String(response.status));
    });
    return await latencyThenThroughput('POST /orders (order sidecar)', place);
  } finally {
    await system.stop();
  }
}

/** One setting, in this process: prints its results as one JSON line for the parent. */
async function measureThisSetting(): Promise<void> {
  const results = [...(await productRead()), ...(await orderPlacement())];
  console.log(RESULT_PREFIX + JSON.stringify(results));
}

function measureInChild(setting: 'off' | 'sampling 1.0'): LoadResult[] {
  const on = setting !== 'off';
  const output = execFileSync(
    process.execPath,
    [...(on ? ['--import', '@pasar/service-kit/telemetry'] : []), import.meta.filename, '--child'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      maxBuffer: 10 * 1024 * 1024,
      env: {
        ...process.env,
        ZIPKIN_ENDPOINT: on ? stackValue('ZIPKIN_ENDPOINT') : '',
        TRACE_SAMPLING_RATE: on ? '1' : '0',
        OTEL_SERVICE_NAME: 'tracing-bench',
      },
    },
  );
  const line = output.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
  if (!line) throw new Error(`the '${setting}' run printed no result:\n${output}`);
  return (JSON.parse(line.slice(RESULT_PREFIX.length)) as LoadResult[]).map((r) => ({ ...r, name: `${r.name}, tracing ${setting}` }));
}

if (process.argv.includes('--child')) {
  await measureThisSetting();
} else {
  console.log(`tracing overhead: concurrency ${concurrency}, ${requests} requests per case, broker redis; each setting in its own process`);
  const off = measureInChild('off');
  const on = measureInChild('sampling 1.0');
  printLoadTable(off.flatMap((result, i) => [result, on[i]!]));
  for (let i = 0; i < off.length; i += 2) {
    const [latencyOff, throughputOff, latencyOn, throughputOn] = [off[i]!, off[i + 1]!, on[i]!, on[i + 1]!];
    const fewer = (1 - throughputOn.perSecond / throughputOff.perSecond) * 100;
    const more = latencyOn.p50Ms - latencyOff.p50Ms;
    console.log(
      `${latencyOff.name.replace(/, c=1, tracing off$/, '')}: sampling 1.0 vs off: ${fewer.toFixed(1)}% fewer req/s at c=${concurrency} ` +
        `(target <= 10%), p50 at c=1 ${more >= 0 ? '+' : ''}${more.toFixed(2)} ms (target <= 1 ms)`,
    );
  }
}
