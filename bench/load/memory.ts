/**
 * The memory of every app and daprd of the running system (the ports of dapr.yaml), as PSS and
 * private memory (Private_Clean + Private_Dirty) from /proc/PID/smaps_rollup, with RSS beside them
 * only for comparison: daprd's RSS is mostly its binary mapped from the file, shared by all eight.
 * An app counts with every process it started.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ProcessMemory {
  name: string;
  processes: number;
  pssMiB: number;
  privateMiB: number;
  rssMiB: number;
}

interface RunFileApp {
  appID: string;
  appPort: number;
  daprHTTPPort: number;
}

export function memoryOfRunningSystem(): ProcessMemory[] {
  const apps = (parse(readFileSync(new URL('../../dapr.yaml', import.meta.url), 'utf8')) as { apps: RunFileApp[] }).apps;
  const listeners = listeningPids();
  return apps.flatMap((app) =>
    [
      { name: app.appID, pid: listeners.get(app.appPort) },
      { name: `${app.appID} daprd`, pid: listeners.get(app.daprHTTPPort) },
    ].flatMap(({ name, pid }) => (pid === undefined ? [] : [memoryOf(name, pid)])),
  );
}

export function memoryOf(name: string, pid: number): ProcessMemory {
  const pids = withDescendants(pid);
  const fields = pids.map(smapsRollupKiB);
  const total = (field: string) => fields.reduce((sum, f) => sum + (f[field] ?? 0), 0) / 1024;
  return {
    name,
    processes: pids.length,
    pssMiB: total('Pss'),
    privateMiB: total('Private_Clean') + total('Private_Dirty'),
    rssMiB: total('Rss'),
  };
}

export function printMemoryTable(idle: ProcessMemory[], loaded: ProcessMemory[]): void {
  const header = ['process', 'PSS idle', 'private idle', 'PSS load', 'private load', 'RSS load'];
  const rows = idle.map((before) => {
    const after = loaded.find((m) => m.name === before.name);
    return [before.name, before.pssMiB, before.privateMiB, after?.pssMiB, after?.privateMiB, after?.rssMiB].map((cell) =>
      typeof cell === 'number' ? cell.toFixed(1) : (cell ?? '?'),
    );
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

/** Port -> the pid listening on it on loopback, from `ss`. */
function listeningPids(): Map<number, number> {
  const output = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' });
  const pids = new Map<number, number>();
  for (const line of output.split('\n')) {
    const port = /:(\d+)\s+\S+:\*/.exec(line)?.[1];
    const pid = /pid=(\d+)/.exec(line)?.[1];
    if (port && pid && !pids.has(Number(port))) pids.set(Number(port), Number(pid));
  }
  return pids;
}

function withDescendants(pid: number): number[] {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => parentOf(Number(entry)) === pid)
    .map(Number);
  return [pid, ...children.flatMap(withDescendants)];
}

function parentOf(pid: number): number | undefined {
  try {
    return Number(/\) \S+ (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]);
  } catch {
    return undefined;
  }
}

function smapsRollupKiB(pid: number): Record<string, number> {
  try {
    const fields: Record<string, number> = {};
    for (const [, key, kib] of readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').matchAll(/^(\w+):\s+(\d+) kB$/gm))
      fields[key!] = Number(kib);
    return fields;
  } catch {
    return {};
  }
}
