/** The waits between retries: doubling from `initialMs` up to `maxMs`. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
}

/**
 * How long to wait after the `failures`-th failure in a row (1 = the first): initialMs doubled per
 * failure up to maxMs, then "equal jitter" (a random point in the upper half), so replicas failing
 * together spread out and none retries sooner than half the wait.
 * A formula, not exponential-backoff or p-retry: both run the retries themselves around one call
 * and keep the delay private, while our loops need the delay alone (a wake cuts it short, stop
 * cancels it) and table-driven retries store it in a row.
 */
export function backoffDelayMs(failures: number, backoff: Backoff, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
