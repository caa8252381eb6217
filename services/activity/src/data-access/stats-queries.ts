import { flux, fluxDateTime, type ParameterizedQuery } from '@influxdata/influxdb-client';
import type { PaymentMessageStatus } from '@pasar/contracts';
import { queryRows, type ActivityStore } from './influx.ts';

export interface TimeRange {
  from: Date;
  to: Date;
}

/**
 * The points of one measurement and field in [from, to). Counting the `eventId` field counts
 * events: every point has exactly one. Only functions Flux 0.65 (InfluxDB 1.8) already has.
 */
function fieldOf(store: ActivityStore, range: TimeRange, measurement: string, field: string): ParameterizedQuery {
  return flux`from(bucket: ${store.bucket})
  |> range(start: ${fluxDateTime(range.from.toISOString())}, stop: ${fluxDateTime(range.to.toISOString())})
  |> filter(fn: (r) => r._measurement == ${measurement} and r._field == ${field})`;
}

/** Searches per UTC hour that had any; `windowStart` is clipped to `from` for the first hour. */
export async function countSearchesPerHour(
  store: ActivityStore,
  range: TimeRange,
): Promise<Array<{ windowStart: string; searches: number }>> {
  const rows = await queryRows<{ _time: string; _value: number }>(
    store,
    flux`${fieldOf(store, range, 'search', 'eventId')}
  |> group()
  |> aggregateWindow(every: 1h, fn: count, timeSrc: "_start", createEmpty: false)`,
  );
  return rows.map((row) => ({ windowStart: row._time, searches: row._value }));
}

/** The most frequent non-empty queries, trimmed and lower-cased; ties in alphabetical order. */
export async function topQueries(
  store: ActivityStore,
  range: TimeRange,
  limit: number,
): Promise<Array<{ query: string; searches: number }>> {
  const rows = await queryRows<{ query: string; searches: number }>(
    store,
    flux`import "strings"
${fieldOf(store, range, 'search', 'query')}
  |> map(fn: (r) => ({_time: r._time, query: strings.toLower(v: strings.trimSpace(v: r._value)), _value: 1}))
  |> filter(fn: (r) => r.query != "")
  |> group(columns: ["query"])
  |> sum()
  |> group()
  |> map(fn: (r) => ({query: r.query, searches: r._value, rank: -r._value}))
  |> sort(columns: ["rank", "query"])
  |> limit(n: ${limit})`,
  );
  return rows.map((row) => ({ query: row.query, searches: row.searches }));
}

/** Orders and their revenue per UTC day and currency, for days that had any. */
export async function sumOrdersPerDay(
  store: ActivityStore,
  range: TimeRange,
): Promise<Array<{ windowStart: string; currency: string; orders: number; revenue: number }>> {
  const rows = await queryRows<{ _start: string; currency: string; orders: number; revenue: number }>(
    store,
    flux`${fieldOf(store, range, 'order', 'amount')}
  |> group(columns: ["currency"])
  |> window(every: 1d)
  |> reduce(identity: {orders: 0, revenue: 0}, fn: (r, accumulator) => ({orders: accumulator.orders + 1, revenue: accumulator.revenue + r._value}))`,
  );
  return rows.map((row) => ({ windowStart: row._start, currency: row.currency, orders: row.orders, revenue: row.revenue }));
}

/** How many payment-status events of each status there were (a refunded payment has a SUCCEEDED and a REFUNDED one). */
export async function countPaymentOutcomes(
  store: ActivityStore,
  range: TimeRange,
): Promise<Array<{ status: PaymentMessageStatus; payments: number }>> {
  const rows = await queryRows<{ status: PaymentMessageStatus; _value: number }>(
    store,
    flux`${fieldOf(store, range, 'payment', 'eventId')}
  |> group(columns: ["status"])
  |> count()`,
  );
  return rows.map((row) => ({ status: row.status, payments: row._value }));
}
