/**
 * What one app costs to start and keep: each app below is started as dapr.yaml starts it (its command,
 * from its folder, with the stack's addresses), BENCH_RUNS times. Prints the time from spawn to /healthz
 * answering, the CPU time spent until then (steadier than the wall time on a busy machine), and the
 * memory of the app with every process it started (a loader's helper counts too): RSS, PSS and private
 * (Private_Clean + Private_Dirty), from /proc/PID/smaps_rollup, a second after ready. Each app is
 * measured as dapr.yaml starts it (with the telemetry module, exporting to the stack's Zipkin) and
 * without the telemetry module, so what tracing costs shows beside it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { endProcess, eventually, freePort, repoRoot, smapsRollupKiB, stackEnv } from '@pasar/testing';
import { parse } from 'yaml';

const appIds = ['email', 'product'];
const runs = Number(process.env.BENCH_RUNS ?? 5);
const settleMs = 1000;

interface RunFileApp {
  appID: string;
  appDirPath: string;
  command: string[];
  env?: Record<string, string>;
}
interface Footprint {
  startMs: number;
  cpuMs: number;
  processes: number;
  rssMiB: number;
  pssMiB: number;
  privateMiB: number;
}

const clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

const runFile = parse(readFileSync(path.join(repoRoot, 'dapr.yaml'), 'utf8')) as { apps: RunFileApp[] };

/** The app's own command: dapr.yaml wraps it in keep-running.sh, which would only add a bash process. */
function appCommand(app: RunFileApp): string[] {
  const wrapper = app.command.findIndex((arg) => arg.endsWith('keep-running.sh'));
  return app.command.slice(wrapper + 1);
}

/** The same command without `--import <telemetry module>`: the app as it ran before tracing. */
function withoutTelemetry(command: string[]): string[] {
  const flag = command.indexOf('--import');
  return flag < 0 ? command : [...command.slice(0, flag), ...command.slice(flag + 2)];
}

async function measureOnce(app: RunFileApp, command: string[]): Promise<Footprint> {
  const [appPort, daprHttpPort] = await Promise.all([freePort(), freePort()]);
  const [program, ...args] = command;
  const started = performance.now();
  const child = spawn(program!, args, {
    cwd: path.join(repoRoot, app.appDirPath),
    env: {
      ...process.env,
      ...stackEnv(),
      ...app.env,
      LOG_LEVEL: 'warn',
      APP_ID: app.appID,
      APP_PORT: String(appPort),
      DAPR_HTTP_PORT: String(daprHttpPort),
    },
    stdio: 'ignore',
  });
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${app.appID} exited with ${child.exitCode}`);
        const response = await fetch(`http://127.0.0.1:${appPort}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 10 },
    );
    const startMs = performance.now() - started;
    const cpuMs = cpuMsWithDescendants(child.pid!);
    await sleep(settleMs);
    const pids = withDescendants(child.pid!);
    const memory = pids.map(smapsRollupKiB);
    const total = (field: string) => memory.reduce((sum, fields) => sum + (fields[field] ?? 0), 0) / 1024;
    return {
      startMs,
      cpuMs,
      processes: pids.length,
      rssMiB: total('Rss'),
      pssMiB: total('Pss'),
      privateMiB: total('Private_Clean') + total('Private_Dirty'),
    };
  } finally {
    await endProcess(child, 'SIGTERM', 10_000);
  }
}

/** The fields of /proc/PID/stat after the command name (which, in parentheses, may hold spaces). */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function withDescendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), Number(statFields(Number(entry))[1]));
    } catch {
      /* the process ended meanwhile */
    }
  }
  const found = [root];
  for (let i = 0; i < found.length; i++) {
    for (const [pid, parent] of parentOf) if (parent === found[i]) found.push(pid);
  }
  return found;
}

/** User + system time of the process and its children, those still running and those already reaped. */
function cpuMsWithDescendants(root: number): number {
  const ticks = withDescendants(root).reduce((sum, pid) => {
    const [utime, stime, reapedUtime, reapedStime] = statFields(pid).slice(11, 15).map(Number);
    return sum + utime! + stime! + reapedUtime! + reapedStime!;
  }, 0);
  return (ticks * 1000) / clockTicksPerSecond;
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

console.log(`app footprint on node ${process.version}: median (min-max) of ${runs} starts; memory ${settleMs} ms after /healthz answered`);
console.log(
  'app      command                                                  start ms          CPU ms  processes  RSS MiB  PSS MiB  private MiB',
);
for (const [appId, command] of appIds.flatMap((id) => {
  const app = runFile.apps.find((a) => a.appID === id)!;
  return [
    [id, appCommand(app)],
    [id, withoutTelemetry(appCommand(app))],
  ] as const;
})) {
  const app = runFile.apps.find((a) => a.appID === appId)!;
  const results: Footprint[] = [];
  for (let run = 0; run < runs; run++) results.push(await measureOnce(app, command));
  const starts = results.map((r) => r.startMs);
  const range = `${median(starts).toFixed(0)} (${Math.min(...starts).toFixed(0)}-${Math.max(...starts).toFixed(0)})`;
  const processes = [...new Set(results.map((r) => r.processes))].sort().join(' or ');
  const mib = (pick: (r: Footprint) => number) => median(results.map(pick)).toFixed(1).padStart(7);
  const cpu = median(results.map((r) => r.cpuMs))
    .toFixed(0)
    .padStart(6);
  console.log(
    `${appId.padEnd(8)} ${command.join(' ').padEnd(56)} ${range.padEnd(17)} ${cpu}  ${processes.padStart(9)}  ${mib((r) => r.rssMiB)}  ${mib((r) => r.pssMiB)}  ${mib((r) => r.privateMiB)}`,
  );
}
