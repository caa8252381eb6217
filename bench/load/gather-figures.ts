/** `npm run bench -- --json`: the figures each bench recorded (report.ts), gathered into one file with the machine and the date. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [dir, file] = process.argv.slice(2);
const benches = Object.fromEntries(
  readdirSync(dir!)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [path.basename(name, '.json'), JSON.parse(readFileSync(path.join(dir!, name), 'utf8')) as unknown]),
);
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg(),
  node: process.version,
};
mkdirSync(path.dirname(path.resolve(file!)), { recursive: true });
writeFileSync(file!, JSON.stringify({ date: new Date().toISOString(), machine, benches }, null, 2));
