const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 60_000;

/** A failed attempt of a table-driven relay: tried again after 250 ms, doubling per attempt, at most a minute. */
export function retryLater(error: unknown, attempts: number): { kind: 'retry'; delayMs: number; error: string } {
  return { kind: 'retry', delayMs: Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempts), error: errorText(error) };
}

/** What is kept of an error in the table's last_error column. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
