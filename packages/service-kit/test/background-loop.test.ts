import { eventually } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import { startBackgroundLoop } from '../src/background-loop.ts';
import { backoffDelayMs } from '../src/backoff.ts';
import { currentContext, runWithContext } from '../src/request-context.ts';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a background loop', () => {
  it('when woken during a cycle, then it runs exactly one more cycle right after, not two at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let cycles = 0;
    const loop = startBackgroundLoop(
      async () => {
        cycles++;
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await tick(30);
        inFlight--;
        return 60_000;
      },
      { onError: () => {} },
    );

    loop.wake();
    loop.wake();
    await eventually(() => expect(cycles).toBe(2));
    await loop.stop();

    expect({ cycles, maxInFlight }).toEqual({ cycles: 2, maxInFlight: 1 });
  });

  it('when a cycle throws, then the error is reported and the cycle runs again after the backoff', async () => {
    const errors: unknown[] = [];
    let cycles = 0;
    const loop = startBackgroundLoop(
      async () => {
        if (++cycles === 1) throw new Error('database down');
        return 60_000;
      },
      { backoff: { initialMs: 20, maxMs: 20 }, onError: (error) => errors.push(error) },
    );

    await eventually(() => expect(cycles).toBe(2));
    await loop.stop();

    expect(cycles).toBe(2);
    expect(errors).toEqual([new Error('database down')]);
  });

  it('when stopped, then the cycle under way finishes and no other starts', async () => {
    let cycles = 0;
    let finished = false;
    const loop = startBackgroundLoop(
      async () => {
        cycles++;
        await tick(30);
        finished = true;
        return 1;
      },
      { backoff: { initialMs: 1, maxMs: 1 }, onError: () => {} },
    );

    await loop.stop();
    await tick(30);

    expect({ cycles, finished }).toEqual({ cycles: 1, finished: true });
  });
});

describe('a background loop backing off', () => {
  it('when cycles keep failing, then each wait is longer up to the maximum, and a success starts again from the first', async () => {
    const waits: number[] = [];
    let cycles = 0;
    const loop = startBackgroundLoop(
      async () => {
        cycles++;
        if (cycles <= 4 || cycles === 6) throw new Error('broker down');
        return cycles === 5 ? 1 : 60_000;
      },
      { backoff: { initialMs: 4, maxMs: 16 }, onError: (_error, { retryInMs }) => waits.push(retryInMs) },
    );

    await eventually(() => expect(cycles).toBe(7));
    await loop.stop();

    const longest = [4, 8, 16, 16, 4];
    expect(waits.map((wait, index) => wait >= longest[index]! / 2 && wait <= longest[index]!)).toEqual([true, true, true, true, true]);
  });

  it('when woken while backing off, then no cycle runs before the backoff ends', async () => {
    let cycles = 0;
    const loop = startBackgroundLoop(
      async () => {
        cycles++;
        throw new Error('database down');
      },
      { backoff: { initialMs: 60_000, maxMs: 60_000 }, onError: () => {} },
    );
    await eventually(() => expect(cycles).toBe(1));

    loop.wake();
    loop.wake();
    await tick(30);
    await loop.stop();

    expect(cycles).toBe(1);
  });
});

describe('a background loop woken', () => {
  /** A loop whose every cycle answers idle, and how many cycles it has run. */
  const startIdleLoop = () => {
    let count = 0;
    const loop = startBackgroundLoop(
      async () => {
        count++;
        return 'idle';
      },
      { onError: () => {} },
    );
    return { loop, cycles: () => count };
  };

  it('when a cycle answers idle, then the next runs only once woken', async () => {
    const { loop, cycles } = startIdleLoop();
    await eventually(() => expect(cycles()).toBe(1));
    await tick(30);
    expect(cycles()).toBe(1);

    loop.wake();

    await eventually(() => expect(cycles()).toBe(2));
    await loop.stop();
  });

  it('when woken several times within a delay, then they share one cycle', async () => {
    const { loop, cycles } = startIdleLoop();
    await eventually(() => expect(cycles()).toBe(1));

    loop.wake(20);
    loop.wake(20);
    loop.wake(50);

    await eventually(() => expect(cycles()).toBe(2));
    await tick(80);
    await loop.stop();
    expect(cycles()).toBe(2);
  });
});

describe('the backoff', () => {
  const backoff = { initialMs: 100, maxMs: 1000 };

  it('doubles per failure from the first wait up to the maximum', () => {
    const longest = (failures: number) => backoffDelayMs(failures, backoff, () => 1);

    expect([1, 2, 3, 4, 5, 40].map(longest)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('waits at least half of that, at random, so replicas that failed together do not retry together', () => {
    expect(backoffDelayMs(3, backoff, () => 0)).toBe(200);
    expect(backoffDelayMs(3, backoff, () => 0.5)).toBe(300);
  });

  it("when woken while a request is handled, then its cycles run outside that request's context (not in its trace)", async () => {
    const seen: Array<string | undefined> = [];
    const loop = startBackgroundLoop(
      async () => {
        seen.push(currentContext()?.traceparent);
        return 'idle';
      },
      { onError: () => {} },
    );
    await eventually(() => expect(seen).toHaveLength(1));

    runWithContext({ requestId: 'r1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, () => loop.wake());
    await eventually(() => expect(seen).toHaveLength(2));
    await loop.stop();

    expect(seen).toEqual([undefined, undefined]);
  });
});
