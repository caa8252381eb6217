/**
 * A CPU profile of this process while `work` runs (node:inspector), written as a .cpuprofile
 * (Chrome DevTools or speedscope draw its flame graph), plus the functions with the most self time.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import path from 'node:path';

export async function profiled<T>(file: string, work: () => Promise<T>): Promise<T> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(profile));
    console.log(`CPU profile: ${file}; most self time:`);
    for (const line of topSelfTime(profile, 15)) console.log(`  ${line}`);
  }
}

/** Self time by function and file, as a share of the samples. */
function topSelfTime(profile: Profiler.Profile, count: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = new Map<string, number>();
  for (const id of profile.samples ?? []) {
    const frame = byNode.get(id)!.callFrame;
    const where = frame.url
      ? `${frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/(services|packages)\//, '$1/')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    samples.set(key, (samples.get(key) ?? 0) + 1);
  }
  const total = profile.samples?.length ?? 1;
  return [...samples]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)}%  ${key}`);
}
