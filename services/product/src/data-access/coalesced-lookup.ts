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
export class CoalescedLookup<V> {
  private waiting: Array<Waiter<V>> = [];
  private running = false;
  private readonly lookup: (keys: string[]) => Promise<V[]>;
  private readonly maxKeys: number;

  constructor(lookup: (keys: string[]) => Promise<V[]>, maxKeys = 1000) {
    this.lookup = lookup;
    this.maxKeys = maxKeys;
  }

  /** Everything the lookup found for these keys and the others served with them: filter by key. */
  load(keys: string[]): Promise<V[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ keys, resolve, reject });
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running || this.waiting.length === 0) return;
    this.running = true;
    const batch = this.takeBatch();
    try {
      const found = await this.lookup([...new Set(batch.flatMap((waiter) => waiter.keys))]);
      for (const waiter of batch) waiter.resolve(found);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    } finally {
      this.running = false;
      void this.next();
    }
  }

  /** Waiters in arrival order while their keys fit (always at least one). */
  private takeBatch(): Array<Waiter<V>> {
    let keys = 0;
    const count = this.waiting.findIndex((waiter, index) => (keys += waiter.keys.length) > this.maxKeys && index > 0);
    return this.waiting.splice(0, count === -1 ? this.waiting.length : count);
  }
}
