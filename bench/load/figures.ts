/** What one step of a load run measured, as the generator's child process reports it. */
export interface StepFigures {
  name: string;
  connections: number;
  /** The rate asked for (requests/s over all connections); undefined: as fast as the server answers. */
  rate: number | undefined;
  requests: number;
  /** Answers that were not 2xx/3xx, plus socket errors and timeouts. */
  errors: number;
  /** Answers by status code, e.g. { "200": 950, "429": 3 }. */
  statuses: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** The q-quantile (0..1) of sorted values, nearest rank; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The share of requests that failed: non-success answers, socket errors and timeouts. */
export function errorShare(step: StepFigures): number {
  return step.errors / Math.max(1, step.requests);
}

export function printStepTable(steps: readonly StepFigures[]): void {
  const header = ['step', 'conns', 'rate', 'requests', 'errors', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms'];
  const rows = steps.map((s) => [
    s.name,
    String(s.connections),
    s.rate === undefined ? 'max' : String(s.rate),
    String(s.requests),
    String(s.errors),
    s.perSecond.toFixed(0),
    s.p50Ms.toFixed(2),
    s.p95Ms.toFixed(2),
    s.p99Ms.toFixed(2),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  }
}

/** a / b as "1.23x", or "?" when either is missing. */
export function ratio(a: number | undefined, b: number | undefined): string {
  return a === undefined || b === undefined || !Number.isFinite(a / b) ? '?' : `${(a / b).toFixed(2)}x`;
}
