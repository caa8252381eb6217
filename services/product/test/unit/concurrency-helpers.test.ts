import { describe, expect, it } from 'vitest';
import { createCoalescedLookup } from '../../src/data-access/coalesced-lookup.ts';
import { createKeyedLock } from '../../src/data-access/keyed-lock.ts';
import { mergeLines } from '../../src/domain/reservations.ts';

describe('the keyed lock', () => {
  it('when tasks share a key, then they run one at a time in arrival order; other keys do not wait', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run(
      'a',
      () =>
        new Promise<void>((resolve) => {
          log.push('a1 start');
          releaseFirst = () => {
            log.push('a1 end');
            resolve();
          };
        }),
    );
    const second = lock.run('a', async () => void log.push('a2'));
    const other = lock.run('b', async () => void log.push('b1'));

    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    expect(lock.busyKeys).toBe(0);
  });

  it('when a task fails, then the next one for the key still runs', async () => {
    const lock = createKeyedLock();

    await expect(
      lock.run('a', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('order lines', () => {
  it('when a product appears twice, then its quantities add up in one line, in first-seen order', () => {
    expect(
      mergeLines([
        { productId: 'b', quantity: 1 },
        { productId: 'a', quantity: 2 },
        { productId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { productId: 'b', quantity: 4 },
      { productId: 'a', quantity: 2 },
    ]);
  });
});

describe('the coalesced lookup', () => {
  function recordingLookup() {
    const calls: string[][] = [];
    const gates: Array<() => void> = [];
    const lookup = createCoalescedLookup<string>((keys) => {
      calls.push(keys);
      return new Promise((resolve) => gates.push(() => resolve(keys.map((k) => `value of ${k}`))));
    }, 3);
    const openNext = async () => {
      await eventuallyTrue(() => gates.length > 0);
      gates.shift()!();
    };
    return { lookup, calls, openNext };
  }

  it('when calls arrive while a lookup runs, then they share the next one, within maxKeys', async () => {
    const { lookup, calls, openNext } = recordingLookup();
    const first = lookup.load(['a']);
    const second = lookup.load(['b', 'c']);
    const third = lookup.load(['c']);
    const fourth = lookup.load(['d', 'e']);

    for (let i = 0; i < 3; i++) await openNext();

    expect(calls).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
    expect(await first).toEqual(['value of a']);
    expect(await third).toEqual(['value of b', 'value of c']);
    await Promise.all([second, fourth]);
  });

  it('when the lookup fails, then every caller it served gets the error and later calls still run', async () => {
    let fail = true;
    const lookup = createCoalescedLookup<string>(async (keys) => {
      if (fail) throw new Error('store down');
      return keys;
    });

    await expect(Promise.all([lookup.load(['a']), lookup.load(['b'])])).rejects.toThrow('store down');
    fail = false;
    await expect(lookup.load(['c'])).resolves.toEqual(['c']);
  });
});

async function eventuallyTrue(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
