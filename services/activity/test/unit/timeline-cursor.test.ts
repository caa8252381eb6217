import { randomUUID } from 'node:crypto';
import { ActivityTimelineQuery } from '@pasar/contracts';
import { describe, expect, it } from 'vitest';
import { nanosFromRfc3339, rfc3339FromNanos } from '../../src/data-access/nanos.ts';
import { decodeCursor, encodeCursor } from '../../src/domain/timeline-cursor.ts';

describe('timeline cursor', () => {
  it('when a cursor is decoded, then it gives back the position it was made from', () => {
    const position = { nanos: 1_772_600_767_089_123_456n, eventId: randomUUID() };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('when a cursor is given back, then the query accepts it', () => {
    const cursor = encodeCursor({ nanos: 1_772_600_767_089_123_456n, eventId: randomUUID() });

    expect(ActivityTimelineQuery.safeParse({ cursor }).success).toBe(true);
  });

  it.each(['not-a-cursor', `1 or 1==1_${randomUUID()}`, `9999999999999999999_${randomUUID()}`, Buffer.from('{}').toString('base64url')])(
    'when the cursor %s was not issued by the API, then the query refuses it (past an int64 too)',
    (cursor) => {
      expect(ActivityTimelineQuery.safeParse({ cursor }).error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
    },
  );
});

describe('nanosecond times', () => {
  it.each(['2026-11-23T22:48:47.970102472Z', '2026-11-23T22:48:47.000000001Z', '1970-01-01T00:00:00.000000000Z'])(
    'when %s goes to nanoseconds and back, then it is unchanged',
    (time) => {
      expect(rfc3339FromNanos(nanosFromRfc3339(time))).toBe(time);
    },
  );

  it('when Flux leaves out the fraction, then the time still parses', () => {
    expect(nanosFromRfc3339('2026-11-23T22:00:00Z')).toBe(BigInt(Date.parse('2026-11-23T22:00:00Z')) * 1_000_000n);
  });
});
