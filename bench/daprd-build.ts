/**
 * The native stack's daprd built with only the components Pasar loads (slim, the default) next to
 * Dapr's allcomponents build (full, PASAR_DAPRD_BUILD=full): the binary's size, and the memory of an
 * idle daprd: BENCH_SIDECARS sidecars of one build at a time (8, as the stack runs), each beside a stub
 * app, with the repo's components on Redis, measured 2 s after all are healthy (RSS, PSS, private from
 * /proc/PID/smaps_rollup, median per process). A build whose binary is not cached is skipped.
 *
 * `node bench/daprd-build.ts --cold` instead builds both, one after the other, from empty caches: a fresh
 * GOPATH, GOCACHE and PASAR_CACHE each (nothing downloaded or compiled before counts), GOMAXPROCS=2,
 * and prints the wall and CPU time, the modules downloaded and the binary's size (no stack needed). Over half an
 * hour on 2 cores.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isolatedNameResolution, repoRoot, smapsRollupKiB, startSidecar, type Sidecar } from '@pasar/testing';

type Build = 'slim' | 'full';
const builds: Build[] = ['slim', 'full'];
const sidecarCount = Number(process.env.BENCH_SIDECARS ?? 8);
const settleMs = 2000;

/** Runs bash with the stack's library and dapr.sh loaded, for one build. */
function withDaprScript(build: Build, command: string, env: Record<string, string> = {}): string {
  const script = `source scripts/lib/common.sh && source scripts/stack/components/dapr.sh && ${command}`;
  return execFileSync('bash', ['-c', script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PASAR_DAPRD_BUILD: build },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

const cachedBinary = (build: Build) => withDaprScript(build, 'dapr_binary daprd');

/** An app that subscribes to nothing, so daprd has an app to talk to. */
async function startStubApp(): Promise<Server> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(request.url === '/dapr/subscribe' ? '[]' : '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

interface Memory {
  rssMiB: number;
  pssMiB: number;
  privateMiB: number;
}

function memoryOf(pid: number): Memory {
  const fields = smapsRollupKiB(pid);
  const mib = (...names: string[]) => names.reduce((sum, name) => sum + (fields[name] ?? 0), 0) / 1024;
  return { rssMiB: mib('Rss'), pssMiB: mib('Pss'), privateMiB: mib('Private_Clean', 'Private_Dirty') };
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function idleMemory(daprdPath: string, appPort: number, build: Build): Promise<Memory> {
  const nameResolutionDb = isolatedNameResolution();
  const sidecars: Sidecar[] = [];
  try {
    for (let i = 0; i < sidecarCount; i++) {
      const appId = `daprd-bench-${build}-${i}`;
      sidecars.push(await startSidecar({ appId, appPort, broker: 'redis', logLevel: 'warn', daprdPath, nameResolutionDb }));
    }
    await sleep(settleMs);
    const memories = sidecars.map((sidecar) => memoryOf(sidecar.pid!));
    return {
      rssMiB: median(memories.map((m) => m.rssMiB)),
      pssMiB: median(memories.map((m) => m.pssMiB)),
      privateMiB: median(memories.map((m) => m.privateMiB)),
    };
  } finally {
    await Promise.all(sidecars.map((sidecar) => sidecar.stop()));
    rmSync(nameResolutionDb, { force: true });
  }
}

function duMiB(dir: string): number {
  return Number(execFileSync('du', ['-sk', dir], { encoding: 'utf8' }).split('\t')[0]) / 1024;
}

/** Seconds in bash's `times` format (1m2.345s). */
const timesSeconds = (value: string) => {
  const [, minutes, seconds] = /^(\d+)m([\d.]+)s$/.exec(value)!;
  return Number(minutes) * 60 + Number(seconds);
};

/**
 * Builds daprd with nothing cached: its own GOPATH, GOCACHE and PASAR_CACHE, removed afterwards. The
 * CPU time (user + system of every process of the build, from bash's `times`) depends less on what
 * else the machine runs than the wall time does.
 */
function coldBuild(build: Build): { seconds: number; cpuSeconds: number; modulesMiB: number; binaryMB: number } {
  const root = mkdtempSync(path.join(os.tmpdir(), `daprd-cold-${build}-`));
  const env = {
    GOPATH: path.join(root, 'gopath'),
    GOCACHE: path.join(root, 'gocache'),
    PASAR_CACHE: path.join(root, 'pasar'),
    GOMAXPROCS: '2',
    GOFLAGS: '-buildvcs=false -modcacherw -p=2',
  };
  try {
    const started = performance.now();
    const times = withDaprScript(build, 'ensure_dirs && build_daprd >&2 && times', env);
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = times
      .split('\n')
      .at(-1)!
      .split(' ')
      .map(timesSeconds)
      .reduce((a, b) => a + b, 0);
    const binary = withDaprScript(build, 'dapr_binary daprd', env);
    return { seconds, cpuSeconds, modulesMiB: duMiB(path.join(env.GOPATH, 'pkg/mod')), binaryMB: statSync(binary).size / 1e6 };
  } catch (error) {
    const log = path.join(env.PASAR_CACHE, 'build', `daprd-${withDaprScript(build, 'daprd_build_name', env)}.log`);
    if (existsSync(log)) copyFileSync(log, `${root}.log`);
    throw new Error(`the ${build} cold build failed (its log: ${root}.log)`, { cause: error });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function printSizesAndIdleMemory(): Promise<void> {
  console.log(`idle memory: median of ${sidecarCount} sidecars of one build, ${settleMs} ms after all healthy`);
  console.log('build  binary MB  RSS MiB  PSS MiB  private MiB');
  const stubApp = await startStubApp();
  try {
    for (const build of builds) {
      const binary = cachedBinary(build);
      if (!existsSync(binary)) {
        console.log(`${build.padEnd(5)}  not built (PASAR_DAPRD_BUILD=${build} npm run stack -- install dapr)`);
        continue;
      }
      const memory = await idleMemory(binary, (stubApp.address() as AddressInfo).port, build);
      const cells = [statSync(binary).size / 1e6, memory.rssMiB, memory.pssMiB, memory.privateMiB].map((n) => n.toFixed(1).padStart(7));
      console.log(`${build.padEnd(5)}  ${cells[0]}    ${cells[1]}  ${cells[2]}  ${cells[3]}`);
    }
  } finally {
    stubApp.close();
  }
}

function printColdBuilds(): void {
  console.log('cold build (empty GOPATH, GOCACHE, PASAR_CACHE; GOMAXPROCS=2), one after the other');
  console.log('build  seconds  CPU seconds  modules MiB  binary MB  load average before');
  for (const build of builds) {
    const load = os.loadavg()[0]!.toFixed(1);
    const result = coldBuild(build);
    console.log(
      `${build.padEnd(5)}  ${result.seconds.toFixed(0).padStart(7)}  ${result.cpuSeconds.toFixed(0).padStart(11)}  ${result.modulesMiB.toFixed(0).padStart(11)}  ${result.binaryMB.toFixed(1).padStart(9)}  ${load}`,
    );
  }
}

console.log(`daprd, slim (scripts/stack/daprd-components.txt) vs full (allcomponents); load average ${os.loadavg()[0]!.toFixed(1)}`);
if (process.argv.includes('--cold')) printColdBuilds();
else await printSizesAndIdleMemory();
