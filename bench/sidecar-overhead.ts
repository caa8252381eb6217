/**
 * What a Dapr hop costs here: the same tiny GET straight to an app, through its own sidecar, and
 * from another app's sidecar (two daprd hops, as every RPC between Pasar apps takes). Prints
 * throughput, p50/p99 and each sidecar's resident memory.
 */
import { createServiceApp, sidecarCheck } from '@pasar/service-kit';
import { printLoadTable, residentMemoryMiB, runLoad, startAppWithSidecar } from '@pasar/testing';
import express from 'express';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 5000);
const broker = 'redis';

const echoApp = (appId: string) =>
  startAppWithSidecar({
    appId,
    broker,
    build: ({ logger, dapr }) => {
      const routes = express.Router();
      routes.get('/ping', (_req, res) => void res.json({ pong: true }));
      return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
    },
  });

const run = Date.now().toString(36);
const target = await echoApp(`bench-target-${run}`);
const caller = await echoApp(`bench-caller-${run}`);
const get = (url: string) => async () => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(String(response.status));
  await response.arrayBuffer();
};

try {
  console.log(`sidecar overhead: GET /ping, concurrency ${concurrency}, ${requests} requests per case`);
  const results = [
    await runLoad('app directly', get(`${target.appUrl}/ping`), { concurrency, requests }),
    await runLoad('through its own sidecar', get(`${target.sidecar.url}/v1.0/invoke/${target.appId}/method/ping`), {
      concurrency,
      requests,
    }),
    await runLoad("from another app's sidecar", get(`${caller.sidecar.url}/v1.0/invoke/${target.appId}/method/ping`), {
      concurrency,
      requests,
    }),
  ];
  printLoadTable(results);
  const [direct, , twoHops] = results;
  console.log(`p99 ratio, two sidecar hops / direct: ${(twoHops!.p99Ms / direct!.p99Ms).toFixed(2)}x`);
  console.log(
    `daprd resident memory: ${[target, caller].map((a) => `${residentMemoryMiB(a.sidecar.pid ?? 0)?.toFixed(0) ?? '?'} MiB`).join(', ')}`,
  );
} finally {
  await caller.stop();
  await target.stop();
}
