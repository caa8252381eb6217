import { startBackgroundLoop, type Backoff, type Logger } from '@pasar/service-kit';

/**
 * Runs `task` until it succeeds, backing off after each failure (from 1 s, doubling up to 30 s):
 * for start-up work that needs the store (indexes, seed data) when the store may not be up yet.
 * `firstAttempt` settles after the first try (true when it succeeded); `stop` gives up.
 */
export function keepTrying(
  name: string,
  task: () => Promise<unknown>,
  options: { logger: Logger; backoff?: Partial<Backoff> },
): { firstAttempt: Promise<boolean>; stop: () => Promise<void> } {
  let settleFirst!: (succeeded: boolean) => void;
  const firstAttempt = new Promise<boolean>((resolve) => {
    settleFirst = resolve;
  });
  const loop = startBackgroundLoop(
    async () => {
      try {
        await task();
      } catch (error) {
        settleFirst(false);
        throw error;
      }
      settleFirst(true);
      return 'idle';
    },
    {
      backoff: { initialMs: 1000, maxMs: 30_000, ...options.backoff },
      onError: (error, { failures, retryInMs }) =>
        options.logger.warn({ err: error, attempt: failures, retryInMs }, `${name} failed; will retry`),
    },
  );
  return {
    firstAttempt,
    async stop() {
      await loop.stop();
      settleFirst(false);
    },
  };
}
