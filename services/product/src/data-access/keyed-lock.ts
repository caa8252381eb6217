/** Runs tasks one at a time per key, in arrival order, within this process; different keys run in parallel. */
export type KeyedLock = ReturnType<typeof createKeyedLock>;

/** See product-documents.ts for why writes to one document need this on FerretDB. */
export function createKeyedLock() {
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const current = new Promise<void>((resolve) => {
        release = resolve;
      });
      const tail = previous.then(() => current);
      tails.set(key, tail);
      await previous;
      try {
        return await task();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },

    /** Keys with a task running or waiting (for tests and diagnostics). */
    get busyKeys(): number {
      return tails.size;
    },
  };
}
