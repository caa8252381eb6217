interface Waiter<V> {
  keys: string[];
  resolve: (found: V[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Lookups by key that arrive while one is running wait for the next, which serves them all at once
 * (up to `maxKeys`). Each caller's lookup starts after it arrived, so it sees every write before it.
 * Worth it where one query for many keys costs about as much as one for a few: on FerretDB 1.24,
 * `_id: { $in }` scans the whole collection.
 */
export function createCoalescedLookup<V>(lookup: (keys: string[]) => Promise<V[]>, maxKeys = 1000) {
  const waiting: Array<Waiter<V>> = [];
  let running = false;

  /** Waiters in arrival order while their keys fit (always at least one). */
  const takeBatch = (): Array<Waiter<V>> => {
    let keys = 0;
    const count = waiting.findIndex((waiter, index) => (keys += waiter.keys.length) > maxKeys && index > 0);
    return waiting.splice(0, count === -1 ? waiting.length : count);
  };

  const next = async (): Promise<void> => {
    if (running || waiting.length === 0) return;
    running = true;
    const batch = takeBatch();
    try {
      const found = await lookup([...new Set(batch.flatMap((waiter) => waiter.keys))]);
      for (const waiter of batch) waiter.resolve(found);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    } finally {
      running = false;
      void next();
    }
  };

  return {
    /** Everything the lookup found for these keys and the others served with them: filter by key. */
    load(keys: string[]): Promise<V[]> {
      return new Promise((resolve, reject) => {
        waiting.push({ keys, resolve, reject });
        void next();
      });
    },
  };
}
