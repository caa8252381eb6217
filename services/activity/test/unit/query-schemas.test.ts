import { ActivityStatsQuery, ActivityTimelineQuery } from '@pasar/contracts';
import { AppError, parseInput } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';

function fieldsAtFault(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.fieldErrors?.map((f) => f.field) ?? [];
    throw error;
  }
  throw new Error('expected a 400');
}

describe('query API input', () => {
  it('when no range is given, then it is the last 30 days up to now', () => {
    const query = parseInput(ActivityStatsQuery, {}, 'query');

    expect(query.to.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(query.to.getTime() - query.from.getTime()).toBe(30 * 86_400_000);
  });

  it.each([
    [{ from: 'yesterday' }, 'query.from'],
    [{ to: '2026-13-01T00:00:00Z' }, 'query.to'],
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'query.from'],
    [{ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'query.from'],
    [{ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'query.from'],
    [{ from: '1969-12-31T00:00:00Z', to: '1970-01-02T00:00:00Z' }, 'query.from'],
  ])('when the range is %j, then the 400 names %s', (input, field) => {
    expect(fieldsAtFault(() => parseInput(ActivityStatsQuery, input, 'query'))).toEqual([field]);
  });

  it('when kinds lists an unknown kind, then the 400 names it', () => {
    expect(fieldsAtFault(() => parseInput(ActivityTimelineQuery, { kinds: 'search,"x") |> drop()' }, 'query'))).toEqual(['query.kinds.1']);
  });

  it('when kinds repeats a kind, then it counts once', () => {
    expect(parseInput(ActivityTimelineQuery, { kinds: 'search, login,search' }, 'query').kinds).toEqual(['search', 'login']);
  });

  it.each(['0', '201', 'ten'])('when limit is %s, then the 400 names query.limit', (limit) => {
    expect(fieldsAtFault(() => parseInput(ActivityTimelineQuery, { limit }, 'query'))).toEqual(['query.limit']);
  });
});
