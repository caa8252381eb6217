export interface PollOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `attempt` until it resolves without throwing or the deadline passes, then rethrows its last
 * error. Tests wait with this, never with fixed sleeps.
 */
export async function eventually<T>(attempt: () => Promise<T> | T, options: PollOptions = {}): Promise<T> {
  const { timeoutMs = 15_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
