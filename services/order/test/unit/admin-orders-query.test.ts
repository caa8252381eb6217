import { randomUUID } from 'node:crypto';
import { AdminListOrdersQuery } from '@pasar/contracts';
import { parseInput, type AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { filterOf } from '../../src/domain/order-administration.ts';

/** The query staff's listing parses (GET /admin/orders), and the filter the repository gets from it. */
const parse = (query: Record<string, unknown>) => parseInput(AdminListOrdersQuery, query, 'query');
const refusal = (query: Record<string, unknown>) => {
  try {
    parse(query);
  } catch (error) {
    const problem = error as AppError;
    return { status: problem.status, fields: problem.fieldErrors?.map((f) => f.field) };
  }
  throw new Error('the query was taken');
};

describe("staff's order listing query", () => {
  it('when nothing is given, then it is the first page of 20 of every order, unfiltered', () => {
    expect(parse({})).toEqual({ limit: 20 });
  });

  it('when a status, both days, a limit and a cursor are given, then each is taken as given', () => {
    const cursor = `1764547200000_${randomUUID()}`;

    expect(parse({ status: 'PAID', from: '2026-11-01', to: '2026-11-30', limit: '50', cursor })).toEqual({
      status: 'PAID',
      from: '2026-11-01',
      to: '2026-11-30',
      limit: 50,
      cursor,
    });
  });

  it('when from and to are the same day, then the query is taken (one day)', () => {
    expect(parse({ from: '2026-11-05', to: '2026-11-05' })).toMatchObject({ from: '2026-11-05', to: '2026-11-05' });
  });

  it.each([
    ['a status that does not exist', { status: 'SHIPPED' }, 'query.status'],
    ['a status in lower case', { status: 'paid' }, 'query.status'],
    ['the status twice', { status: ['PAID', 'CANCELLED'] }, 'query.status'],
    ['a day that does not exist', { from: '2026-02-30' }, 'query.from'],
    ['a day without its leading zeros', { to: '2026-11-1' }, 'query.to'],
    ['a timestamp instead of a day', { from: '2026-11-01T00:00:00Z' }, 'query.from'],
    ['a day in another order', { to: '30-11-2026' }, 'query.to'],
    ['a limit of 0', { limit: '0' }, 'query.limit'],
    ['a limit over 100', { limit: '101' }, 'query.limit'],
    ['a cursor this service never gave out', { cursor: 'page-2' }, 'query.cursor'],
  ])('when the query has %s, then it is a 400 naming that field', (_what, query, field) => {
    expect(refusal(query)).toEqual({ status: 400, fields: [field] });
  });

  it('when from is a later day than to, then it is a 422 naming from', () => {
    expect(refusal({ from: '2026-12-01', to: '2026-11-30' })).toEqual({ status: 422, fields: ['query.from'] });
  });
});

describe("the filter of staff's order listing", () => {
  it('when no status or day is given, then nothing is filtered', () => {
    expect(filterOf({})).toEqual({});
  });

  it('when from and to are given, then both whole UTC days are included: from its midnight, up to the midnight after to', () => {
    expect(filterOf({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      createdFrom: new Date('2026-11-01T00:00:00.000Z'),
      createdBefore: new Date('2026-12-01T00:00:00.000Z'),
    });
  });

  it.each([
    ['the last day of a year', '2026-12-31', '2027-01-01T00:00:00.000Z'],
    ['a leap day', '2028-02-29', '2028-03-01T00:00:00.000Z'],
    ['the day before a leap day', '2028-02-28', '2028-02-29T00:00:00.000Z'],
  ])('when to is %s, then the listing ends at the next midnight', (_what, to, end) => {
    expect(filterOf({ to })).toEqual({ createdBefore: new Date(end) });
  });

  it('when only a status is given, then only the status filters', () => {
    expect(filterOf({ status: 'PENDING_PAYMENT' })).toEqual({ status: 'PENDING_PAYMENT' });
  });
});
