export interface BackgroundLoop {
  /** Run a cycle now (or right after the one under way), e.g. after a commit that made work. */
  wake(): void;
  /** Lets the cycle under way finish and runs no more. */
  stop(): Promise<void>;
}

/**
 * Runs `cycle` at once, then again after the delay it returns. Work kept in a table (due
 * callbacks, webhooks to send) survives restarts by itself; this only decides when to look at it.
 * A cycle that throws is retried after `retryDelayMs`; a wake during a cycle runs one more after it.
 */
export function startBackgroundLoop(cycle: () => Promise<number>, options: { retryDelayMs: number; onError: (error: unknown) => void }): BackgroundLoop {
  let stopped = false;
  let running: Promise<void> | undefined;
  let wokenWhileRunning = false;
  let timer: NodeJS.Timeout | undefined;

  const runOnce = async (): Promise<number> => {
    try {
      return await cycle();
    } catch (error) {
      options.onError(error);
      return options.retryDelayMs;
    }
  };

  const run = () => {
    if (stopped) return;
    if (running) return void (wokenWhileRunning = true);
    clearTimeout(timer);
    running = runOnce().then((delayMs) => {
      running = undefined;
      if (stopped) return;
      if (wokenWhileRunning) {
        wokenWhileRunning = false;
        run();
      } else timer = setTimeout(run, delayMs);
    });
  };
  run();

  return {
    wake: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
