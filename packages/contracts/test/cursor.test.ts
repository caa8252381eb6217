import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cursorOf, cursorPage, PageCursor, positionOfCursor } from '../src/common.ts';

describe('page cursors', () => {
  it('when a cursor is made of a position and an id, then its schema takes it and it reads back as both', () => {
    const id = randomUUID();
    const cursor = cursorOf(1_700_000_000_000, id);

    expect(PageCursor('\\d{1,15}').parse(cursor)).toBe(cursor);
    expect(positionOfCursor(cursor)).toEqual({ position: '1700000000000', id });
  });

  it('when more rows were read than the page holds, then the page ends at the limit and its cursor is of its last row', () => {
    expect(cursorPage([1, 2, 3, 4], 3, (last) => `after-${last}`)).toEqual({ items: [1, 2, 3], nextCursor: 'after-3' });
  });

  it('when no row is beyond the page, then there is no next cursor', () => {
    expect(cursorPage([1, 2, 3], 3, (last) => `after-${last}`)).toEqual({ items: [1, 2, 3], nextCursor: null });
    expect(cursorPage([], 3, (last) => `after-${last}`)).toEqual({ items: [], nextCursor: null });
  });
});
