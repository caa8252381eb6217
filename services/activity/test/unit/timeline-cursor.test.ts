import { randomUUID } from 'node:crypto';
import { AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { nanosFromRfc3339, rfc3339FromNanos } from '../../src/data-access/nanos.ts';
import { decodeCursor, encodeCursor } from '../../src/domain/timeline-cursor.ts';

describe('timeline cursor', () => {
  it('when a cursor is decoded, then it gives back the position it was made from', () => {
    const position = { nanos: 1_772_600_767_089_123_456n, eventId: randomUUID() };

    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each(['not-a-cursor', Buffer.from('{"t":"1 or 1==1","e":"x"}').toString('base64url'), Buffer.from('{}').toString('base64url')])(
    'when the cursor %s was not issued by the API, then it is a 400 naming query.cursor',
    (cursor) => {
      const error = (() => { try { decodeCursor(cursor); } catch (e) { return e; } })();

      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).fieldErrors?.map((f) => f.field)).toEqual(['query.cursor']);
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
