/**
 * What the Dapr SDK costs per call: the kit's invoke and publish (on @dapr/dapr) beside the same
 * calls made with plain fetch, as the kit made them before (same URL, headers, JSON, contract
 * validation and deadline). Invoke goes from one app's sidecar to another's (two daprd hops, as
 * every RPC between Pasar apps); publish goes to a Redis topic. Each case runs at concurrency 1
 * and 16, BENCH_ROUNDS times interleaved (the best round is kept: the machine is shared), and
 * prints p50, p99, throughput, and what the SDK adds.
 */
import { randomUUID } from 'node:crypto';
import { defineRpc, pathOf } from '@pasar/contracts';
import { createServiceApp, propagationHeaders, sidecarCheck } from '@pasar/service-kit';
import { printLoadTable, runLoad, startAppWithSidecar, type LoadResult } from '@pasar/testing';
import express from 'express';
import { z } from 'zod';

const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const concurrencies = [1, 16];
const broker = 'redis';
const timeoutMs = 5000;

const run = Date.now().toString(36);
const target = await startAppWithSidecar({
  appId: `bench-sdk-target-${run}`,
  broker,
  build: ({ logger, dapr }) => {
    const routes = express.Router();
    routes.post('/echo/:word', (req, res) => void res.json({ word: req.params.word, n: (req.body as { n: number }).n }));
    return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
  },
});
const caller = await startAppWithSidecar({
  appId: `bench-sdk-caller-${run}`,
  broker,
  build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)] }) }),
});

const echo = defineRpc({
  name: 'bench.echo',
  appId: target.appId as never,
  method: 'POST',
  path: '/echo/:word',
  params: z.object({ word: z.string() }),
  body: z.object({ n: z.number() }),
  response: z.object({ word: z.string(), n: z.number() }),
});
const topic = `bench-sdk-${run}`;

const sdkInvoke = () => caller.dapr.invoke(echo, { params: { word: 'halo' }, body: { n: 1 } });
const fetchInvoke = async () => {
  const params = echo.params.parse({ word: 'halo' });
  const body = echo.body.parse({ n: 1 });
  const url = `${caller.sidecar.url}/v1.0/invoke/${encodeURIComponent(echo.appId)}/method${pathOf(echo.path, params)}`;
  const response = await fetch(url, {
    method: echo.method,
    headers: { 'content-type': 'application/json', ...propagationHeaders() },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(String(response.status));
  return echo.response.parse(await response.json());
};

const sdkPublish = () => {
  const eventId = randomUUID();
  return caller.dapr.publishUnchecked(topic, { eventId, n: 1 }, eventId);
};
const fetchPublish = async () => {
  const eventId = randomUUID();
  const url = `${caller.sidecar.url}/v1.0/publish/pubsub/${encodeURIComponent(topic)}?metadata.cloudevent.id=${eventId}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...propagationHeaders() },
    body: JSON.stringify({ eventId, n: 1 }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(String(response.status));
  await response.arrayBuffer();
};

const cases = [
  { call: 'invoke', sdk: sdkInvoke, fetch: fetchInvoke },
  { call: 'publish', sdk: sdkPublish, fetch: fetchPublish },
];

try {
  console.log(
    `SDK overhead: invoke (two sidecar hops) and publish (Redis), ${requests} requests per case, best of ${rounds} interleaved rounds`,
  );
  const comparisons: Array<{ label: string; fetch: LoadResult; sdk: LoadResult }> = [];
  for (const { call, sdk, fetch } of cases) {
    for (const concurrency of concurrencies) {
      const label = `${call}, concurrency ${concurrency}`;
      const load = { concurrency, requests };
      const fetchRuns: LoadResult[] = [];
      const sdkRuns: LoadResult[] = [];
      for (let round = 0; round < rounds; round++) {
        fetchRuns.push(await runLoad(`${label}, plain fetch`, fetch, load));
        sdkRuns.push(await runLoad(`${label}, kit on the SDK`, sdk, load));
      }
      comparisons.push({ label, fetch: best(fetchRuns), sdk: best(sdkRuns) });
    }
  }
  printLoadTable(comparisons.flatMap((c) => [c.fetch, c.sdk]));
  console.log('\nwhat the SDK adds (target: <= 0.2 ms at p50, <= 10% throughput)');
  for (const { label, fetch, sdk } of comparisons) {
    const p50 = sdk.p50Ms - fetch.p50Ms;
    const p99 = sdk.p99Ms - fetch.p99Ms;
    const throughput = (sdk.perSecond / fetch.perSecond - 1) * 100;
    console.log(
      `${label.padEnd(24)}  p50 ${signed(p50)} ms (${(sdk.p50Ms / fetch.p50Ms).toFixed(2)}x)  p99 ${signed(p99)} ms  throughput ${signed(throughput, 1)}%`,
    );
  }
} finally {
  await caller.stop();
  await target.stop();
}

function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
}

function signed(value: number, digits = 2): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;
}
