/**
 * Settles with `promise`, or rejects with `onTimeout()` once `timeoutMs` have passed. The timer is
 * cleared either way; a promise that loses the race is left to settle on its own (its rejection is
 * handled by the race, so it is never an unhandled one).
 */
export async function withDeadline<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
