import { ActivityStatsQuery, ActivityTimelineQuery } from '@pasar/contracts';
import { AppError, parseInput } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';

/** The status and the fields (each once) of the problem `run` throws. */
function problemOf(run: () => unknown): { status: number; fields: string[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, fields: [...new Set(error.fieldErrors?.map((f) => f.field))] };
    throw error;
  }
  throw new Error('expected a problem');
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
    [{ from: '1970-12-31T00:00:00Z', to: '1971-01-02T00:00:00Z' }, 'query.from'],
    [{ to: '2262-01-01T00:00:00Z' }, 'query.to'],
  ])('when the range is %j, then the 400 names %s (the document says so)', (input, field) => {
    expect(problemOf(() => parseInput(ActivityStatsQuery, input, 'query'))).toEqual({ status: 400, fields: [field] });
  });

  it.each([
    [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    [{ from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    [{ from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
  ])('when the range %j is upside down, empty or too long, then the 422 names query.from (only the description says so)', (input) => {
    expect(problemOf(() => parseInput(ActivityStatsQuery, input, 'query'))).toEqual({ status: 422, fields: ['query.from'] });
  });

  it('when kinds lists an unknown kind, then the 400 names it', () => {
    expect(problemOf(() => parseInput(ActivityTimelineQuery, { kinds: 'search,"x") |> drop()' }, 'query'))).toEqual({
      status: 400,
      fields: ['query.kinds'],
    });
  });

  it('when kinds repeats a kind, then it counts once', () => {
    expect(parseInput(ActivityTimelineQuery, { kinds: 'search, login,search' }, 'query').kinds).toEqual(['search', 'login']);
  });

  it.each(['0', '201', 'ten'])('when limit is %s, then the 400 names query.limit', (limit) => {
    expect(problemOf(() => parseInput(ActivityTimelineQuery, { limit }, 'query'))).toEqual({ status: 400, fields: ['query.limit'] });
  });
});
