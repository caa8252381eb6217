import { describe, expect, it } from 'vitest';
import { startBackgroundLoop } from '../src/background-loop.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a background loop', () => {
  it('when woken during a cycle, then it runs exactly one more cycle right after, not two at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let cycles = 0;
    const loop = startBackgroundLoop(async () => {
      cycles++;
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await tick(30);
      inFlight--;
      return 60_000;
    }, { retryDelayMs: 60_000, onError: () => {} });

    loop.wake();
    loop.wake();
    await tick(100);
    await loop.stop();

    expect({ cycles, maxInFlight }).toEqual({ cycles: 2, maxInFlight: 1 });
  });

  it('when a cycle throws, then the error is reported and the cycle runs again after the retry delay', async () => {
    const errors: unknown[] = [];
    let cycles = 0;
    const loop = startBackgroundLoop(async () => {
      if (++cycles === 1) throw new Error('database down');
      return 60_000;
    }, { retryDelayMs: 20, onError: (error) => errors.push(error) });

    await tick(100);
    await loop.stop();

    expect(cycles).toBe(2);
    expect(errors).toEqual([new Error('database down')]);
  });

  it('when stopped, then the cycle under way finishes and no other starts', async () => {
    let cycles = 0;
    let finished = false;
    const loop = startBackgroundLoop(async () => {
      cycles++;
      await tick(30);
      finished = true;
      return 1;
    }, { retryDelayMs: 1, onError: () => {} });

    await loop.stop();
    await tick(30);

    expect({ cycles, finished }).toEqual({ cycles: 1, finished: true });
  });
});
