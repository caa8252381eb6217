/**
 * `npm run bench -- --json`: each bench hands its figures here; with BENCH_JSON_DIR set (bench.sh
 * sets it) they are written to <dir>/<bench>.json, and bench.sh gathers them into one file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function recordFigures(bench: string, figures: unknown): void {
  const dir = process.env.BENCH_JSON_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${bench}.json`), JSON.stringify(figures, null, 2));
}
