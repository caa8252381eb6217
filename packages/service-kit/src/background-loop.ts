import { AsyncResource } from 'node:async_hooks';
import { backoffDelayMs, type Backoff } from './backoff.ts';

export interface BackgroundLoop {
  /**
   * Runs a cycle now, or within `withinMs` unless one is planned sooner (wakes in between share
   * it); during a cycle, the next one follows it. Ignored while backing off after a failed cycle:
   * waking must not hammer a dependency that is down (the backoff's timer runs the next cycle).
   */
  wake(withinMs?: number): void;
  /** Lets the cycle under way finish and runs no more. */
  stop(): Promise<void>;
}

/** What a cycle answers: how long until the next one, or 'idle' to wait for a wake. */
export type NextCycle = number | 'idle';

export interface BackgroundLoopOptions {
  /** A failed cycle, with how many failed in a row and when the next one runs. */
  onError: (error: unknown, retry: { failures: number; retryInMs: number }) => void;
  /** The waits after failed cycles. */
  backoff?: Partial<Backoff>;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 30_000 };

/**
 * Runs `cycle` at once, then again when it says. Every background job of the apps is one: relays,
 * sweepers, retries of start-up work. Work kept in a table survives restarts by itself; this only
 * decides when to look at it. A cycle that throws is retried with exponential backoff.
 */
export function startBackgroundLoop(cycle: () => Promise<NextCycle>, options: BackgroundLoopOptions): BackgroundLoop {
  const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  let stopped = false;
  let failures = 0;
  let running: Promise<void> | undefined;
  let wokenWithinMs: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let plannedAt = Number.POSITIVE_INFINITY;

  const plan = (delayMs: number) => {
    clearTimeout(timer);
    plannedAt = Date.now() + delayMs;
    timer = setTimeout(run, delayMs);
  };

  const runOnce = async (): Promise<NextCycle> => {
    try {
      const next = await cycle();
      failures = 0;
      return next;
    } catch (error) {
      failures++;
      const retryInMs = backoffDelayMs(failures, backoff);
      options.onError(error, { failures, retryInMs });
      return retryInMs;
    }
  };

  // Bound to the context the loop started in: a wake() from a request would otherwise make every
  // later cycle (and its spans, its outbound calls' traceparent) part of that request's trace.
  const run = AsyncResource.bind((): void => {
    if (stopped || running) return;
    clearTimeout(timer);
    plannedAt = Number.POSITIVE_INFINITY;
    running = runOnce().then((next) => {
      running = undefined;
      const woken = failures === 0 ? wokenWithinMs : undefined;
      wokenWithinMs = undefined;
      if (stopped) return;
      const delayMs = Math.min(next === 'idle' ? Number.POSITIVE_INFINITY : next, woken ?? Number.POSITIVE_INFINITY);
      if (delayMs === 0) run();
      else if (delayMs !== Number.POSITIVE_INFINITY) plan(delayMs);
    });
  });
  run();

  return {
    wake(withinMs = 0) {
      if (stopped || failures > 0) return;
      if (running) {
        wokenWithinMs = Math.min(withinMs, wokenWithinMs ?? withinMs);
      } else if (Date.now() + withinMs < plannedAt) {
        if (withinMs === 0) run();
        else plan(withinMs);
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
