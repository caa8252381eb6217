import type { Logger } from '@pasar/service-kit';

/**
 * Runs `task` until it succeeds, waiting longer after each failure (up to `maxDelayMs`): for start-up
 * work that needs the store (indexes, seed data) when the store may not be up yet. `firstAttempt`
 * settles after the first try (true when it succeeded); `stop` gives up.
 */
export function keepTrying(name: string, task: () => Promise<unknown>, options: { logger: Logger; firstDelayMs?: number; maxDelayMs?: number }): { firstAttempt: Promise<boolean>; stop: () => void } {
  const { logger, firstDelayMs = 1000, maxDelayMs = 30_000 } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const wait = (ms: number) => new Promise<void>((resolve) => {
    wake = resolve;
    timer = setTimeout(resolve, ms);
  });
  let firstSettled!: (succeeded: boolean) => void;
  const firstAttempt = new Promise<boolean>((resolve) => { firstSettled = resolve; });
  void (async () => {
    for (let attempt = 1; !stopped; attempt++) {
      try {
        await task();
        firstSettled(true);
        return true;
      } catch (error) {
        firstSettled(false);
        const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
        logger.warn({ err: error, attempt, retryInMs: delayMs }, `${name} failed; will retry`);
        await wait(delayMs);
      }
    }
    firstSettled(false);
    return false;
  })();
  return { firstAttempt, stop: () => { stopped = true; clearTimeout(timer); wake?.(); } };
}
