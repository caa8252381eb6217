/**
 * What a Dapr hop costs here: the same tiny GET straight to an app, through its own sidecar, and
 * from another app's sidecar (two daprd hops, as every RPC between Pasar apps takes), measured by the
 * load generator in a process of its own (bench/load) at c=1 and c=16, BENCH_SECONDS per case. The
 * limit is the app called directly. Prints each sidecar's PSS and private memory (RSS alone counts
 * the daprd binary that all sidecars share).
 */
import { createServiceApp, sidecarCheck } from '@pasar/service-kit';
import { startAppWithSidecar } from '@pasar/testing';
import express from 'express';
import { printStepTable, ratio, type StepFigures } from './load/figures.ts';
import { measure } from './load/generator.ts';
import { memoryOf } from './load/memory.ts';
import { recordFigures } from './load/report.ts';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
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

try {
  const cases: Array<[name: string, url: string]> = [
    ['app directly', `${target.appUrl}/ping`],
    ['through its own sidecar', `${target.sidecar.url}/v1.0/invoke/${target.appId}/method/ping`],
    ["from another app's sidecar (two hops)", `${caller.sidecar.url}/v1.0/invoke/${target.appId}/method/ping`],
  ];
  const figures: Record<string, unknown> = {};
  for (const connections of [1, 16]) {
    console.log(`sidecar overhead: GET /ping, c=${connections}, ${durationSeconds} s per case (autocannon in its own process)`);
    const results: StepFigures[] = [];
    for (const [name, url] of cases) {
      const { origin, pathname } = new URL(url);
      results.push(await measure(origin, { name, connections, requests: [{ method: 'GET', path: pathname }] }, { durationSeconds }));
    }
    printStepTable(results);
    const [direct, oneHop, twoHops] = results;
    console.log(
      `against the app directly: one hop p50 +${(oneHop!.p50Ms - direct!.p50Ms).toFixed(2)} ms, two hops p50 +${(twoHops!.p50Ms - direct!.p50Ms).toFixed(2)} ms, ` +
        `p99 ${ratio(twoHops!.p99Ms, direct!.p99Ms)}, throughput ${ratio(twoHops!.perSecond, direct!.perSecond)}`,
    );
    figures[`c${connections}`] = results;
  }
  const memory = [target, caller].map((app) => memoryOf(`${app.appId} daprd`, app.sidecar.pid ?? 0));
  for (const m of memory)
    console.log(`${m.name}: PSS ${m.pssMiB.toFixed(1)} MiB, private ${m.privateMiB.toFixed(1)} MiB (RSS ${m.rssMiB.toFixed(1)} MiB)`);
  recordFigures('sidecar-overhead', { ...figures, daprdMemory: memory });
} finally {
  await caller.stop();
  await target.stop();
}
