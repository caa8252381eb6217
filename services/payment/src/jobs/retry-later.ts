import { backoffDelayMs, type Backoff } from '@pasar/service-kit';

/** A relay's cycle failed (its database, mostly): short, since wakes are ignored while it backs off. */
export const RELAY_MAX_BACKOFF_MS = 10_000;

/** Per row of a table-driven relay: 250 ms doubling per attempt, at most a minute. */
const ROW_BACKOFF: Backoff = { initialMs: 250, maxMs: 60_000 };

/** A failed attempt of a table-driven relay, to try again after the backoff of its `attempts` earlier ones. */
export function retryLater(error: unknown, attempts: number): { kind: 'retry'; delayMs: number; error: string } {
  return { kind: 'retry', delayMs: backoffDelayMs(attempts + 1, ROW_BACKOFF), error: errorText(error) };
}

/** What is kept of an error in the table's last_error column. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
