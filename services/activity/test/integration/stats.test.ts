import { randomUUID } from 'node:crypto';
import { ActivityStatsQuery, ActivityTopQueriesQuery } from '@pasar/contracts';
import { AppError, parseInput } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent, paymentEvent, searchEvent } from '@pasar/testing';
import type { ActivityStore } from '../../src/data-access/influx.ts';
import { createActivityRecorder, type ActivityRecorder } from '../../src/domain/recording.ts';
import { createActivityStats } from '../../src/domain/stats.ts';
import { createTestDatabase, type TestDatabase } from '../support/influx-database.ts';
import { storeFor, unreachableStore } from '../support/store.ts';

// Statistics cover everything in a range, so each test writes to days of its own in 2025.
let database: TestDatabase;
let store: ActivityStore;
let recorder: ActivityRecorder;

beforeAll(async () => {
  database = await createTestDatabase('activity_stats');
  store = storeFor(database);
  recorder = createActivityRecorder(store);
});
afterAll(async () => database?.drop());

const range = (from: string, to: string) => parseInput(ActivityStatsQuery, { from, to }, 'query');

describe('activity statistics over a time range', () => {
  it('when searches happened, then each UTC hour of the range has its count, empty hours as 0, redeliveries once', async () => {
    const searches = [
      '2025-01-10T10:05:00Z',
      '2025-01-10T10:40:00Z',
      '2025-01-10T12:30:00Z',
      '2025-01-10T13:10:00Z',
      '2025-01-10T09:59:59.999Z',
    ].map((occurredAt) => searchEvent({ occurredAt }));
    searches.push(searchEvent({ occurredAt: '2025-01-10T12:59:00Z', customerId: null }));
    for (const event of searches) await recorder.search(event);
    await recorder.search(searches[0]!);

    const stats = await createActivityStats(store).searchesPerHour(range('2025-01-10T10:00:00Z', '2025-01-10T13:00:00Z'));

    expect(stats).toEqual({
      from: '2025-01-10T10:00:00.000Z',
      to: '2025-01-10T13:00:00.000Z',
      hours: [
        { hour: '2025-01-10T10:00:00.000Z', searches: 2 },
        { hour: '2025-01-10T11:00:00.000Z', searches: 0 },
        { hour: '2025-01-10T12:00:00.000Z', searches: 2 },
      ],
    });
  });

  it('when the range starts within an hour, then that hour is still labelled by its start', async () => {
    await recorder.search(searchEvent({ occurredAt: '2025-01-11T10:50:00Z' }));

    const stats = await createActivityStats(store).searchesPerHour(range('2025-01-11T10:30:00Z', '2025-01-11T11:30:00Z'));

    expect(stats.hours).toEqual([
      { hour: '2025-01-11T10:00:00.000Z', searches: 1 },
      { hour: '2025-01-11T11:00:00.000Z', searches: 0 },
    ]);
  });

  it('when queries were searched, then the top queries are counted trimmed and lower-cased, ties alphabetically, empty ones left out', async () => {
    const queries = ['Kopi', ' kopi ', 'KOPI', 'teh', 'Teh', 'gula', 'aren', '', '  '];
    for (const [i, query] of queries.entries()) await recorder.search(searchEvent({ query, occurredAt: `2025-01-20T08:00:0${i}Z` }));

    const top = await createActivityStats(store).mostSearched(
      parseInput(ActivityTopQueriesQuery, { from: '2025-01-20T00:00:00Z', to: '2025-01-21T00:00:00Z' }, 'query'),
    );
    const topTwo = await createActivityStats(store).mostSearched(
      parseInput(ActivityTopQueriesQuery, { from: '2025-01-20T00:00:00Z', to: '2025-01-21T00:00:00Z', limit: '2' }, 'query'),
    );

    expect(top.queries).toEqual([
      { query: 'kopi', searches: 3 },
      { query: 'teh', searches: 2 },
      { query: 'aren', searches: 1 },
      { query: 'gula', searches: 1 },
    ]);
    expect(topTwo.queries.map((q) => q.query)).toEqual(['kopi', 'teh']);
  });

  it('when orders were created, then each UTC day has its order count and revenue per currency, redeliveries once', async () => {
    const orders = [
      orderEvent({ occurredAt: '2025-02-01T01:00:00Z', total: { amount: 40000, currency: 'IDR' } }),
      orderEvent({ occurredAt: '2025-02-01T23:59:59Z', total: { amount: 25000, currency: 'IDR' } }),
      orderEvent({ occurredAt: '2025-02-01T12:00:00+07:00', total: { amount: 1500, currency: 'USD' } }),
      orderEvent({ occurredAt: '2025-02-03T00:00:00Z', total: { amount: 10000, currency: 'IDR' } }),
      orderEvent({ occurredAt: '2025-02-04T00:00:00Z', total: { amount: 99999, currency: 'IDR' } }),
    ];
    for (const event of orders) await recorder.order(event);
    await recorder.order(orders[0]!);

    const stats = await createActivityStats(store).ordersPerDay(range('2025-02-01T00:00:00Z', '2025-02-04T00:00:00Z'));

    expect(stats.days).toEqual([
      {
        day: '2025-02-01',
        orders: 3,
        revenue: [
          { amount: 65000, currency: 'IDR' },
          { amount: 1500, currency: 'USD' },
        ],
      },
      { day: '2025-02-02', orders: 0, revenue: [] },
      { day: '2025-02-03', orders: 1, revenue: [{ amount: 10000, currency: 'IDR' }] },
    ]);
  });

  it('when payments ended, then the success rate is succeeded over all, redeliveries once', async () => {
    const payments = (['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED', 'FAILED'] as const).map((status, i) =>
      paymentEvent({ status, occurredAt: `2025-02-10T10:00:0${i}Z` }),
    );
    for (const event of payments) await recorder.payment(event);
    await recorder.payment(payments[3]!);

    const stats = await createActivityStats(store).paymentSuccessRate(range('2025-02-10T00:00:00Z', '2025-02-11T00:00:00Z'));

    expect(stats).toEqual({
      from: '2025-02-10T00:00:00.000Z',
      to: '2025-02-11T00:00:00.000Z',
      succeeded: 3,
      failed: 1,
      refunded: 0,
      successRate: 0.75,
    });
  });

  it('when a succeeded payment was refunded later, then it counts as refunded, not as a success', async () => {
    const refundedOne = paymentEvent({ status: 'SUCCEEDED', occurredAt: '2025-02-14T10:00:00Z' });
    const events = [
      refundedOne,
      paymentEvent({
        ...refundedOne,
        eventId: randomUUID(),
        status: 'REFUNDED',
        reason: 'the order was cancelled before the payment arrived',
        occurredAt: '2025-02-14T10:00:05Z',
      }),
      paymentEvent({ status: 'SUCCEEDED', occurredAt: '2025-02-14T11:00:00Z' }),
      paymentEvent({ status: 'FAILED', occurredAt: '2025-02-14T12:00:00Z' }),
    ];
    for (const event of events) await recorder.payment(event);

    const stats = await createActivityStats(store).paymentSuccessRate(range('2025-02-14T00:00:00Z', '2025-02-15T00:00:00Z'));

    expect(stats).toMatchObject({ succeeded: 1, failed: 1, refunded: 1, successRate: 1 / 3 });
  });

  it('when only the refund falls in the range (its success came before), then nothing counts as succeeded below zero', async () => {
    await recorder.payment(paymentEvent({ status: 'REFUNDED', occurredAt: '2025-02-16T00:00:01Z' }));

    const stats = await createActivityStats(store).paymentSuccessRate(range('2025-02-16T00:00:00Z', '2025-02-17T00:00:00Z'));

    expect(stats).toMatchObject({ succeeded: 0, failed: 0, refunded: 1, successRate: 0 });
  });

  it('when there was no payment in the range, then the success rate is null', async () => {
    const stats = await createActivityStats(store).paymentSuccessRate(range('2025-02-12T00:00:00Z', '2025-02-13T00:00:00Z'));

    expect(stats).toMatchObject({ succeeded: 0, failed: 0, refunded: 0, successRate: null });
  });

  it('when InfluxDB cannot be reached, then every statistic is a 503, quickly', async () => {
    const down = createActivityStats(unreachableStore());
    const day = range('2025-02-12T00:00:00Z', '2025-02-13T00:00:00Z');
    const started = Date.now();

    const errors = await Promise.all(
      [
        down.searchesPerHour(day),
        down.ordersPerDay(day),
        down.paymentSuccessRate(day),
        down.mostSearched(parseInput(ActivityTopQueriesQuery, {}, 'query')),
      ].map((call) => call.catch((e: unknown) => e)),
    );

    expect(errors.map((e) => (e instanceof AppError ? e.status : e))).toEqual([503, 503, 503, 503]);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
