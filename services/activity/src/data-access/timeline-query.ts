import { flux, fluxDateTime, fluxExpression } from '@influxdata/influxdb-client';
import { ActivityEntry, type ActivityKind } from '@pasar/contracts';
import { queryRows, type ActivityStore } from './influx.ts';
import { millisFromNanos, nanosFromMillis, nanosFromRfc3339, rfc3339FromNanos } from './nanos.ts';

/** Where a page ends: the last entry's point time and event id (ties are broken by the event id). */
export interface TimelinePosition {
  nanos: bigint;
  eventId: string;
}

export interface TimelineSlice {
  customerId: string;
  from: Date;
  to: Date;
  kinds: readonly ActivityKind[];
  limit: number;
  /** Only entries older than this position (the previous page's last one). */
  before?: TimelinePosition | undefined;
}

export interface TimelineRow {
  entry: ActivityEntry;
  position: TimelinePosition;
}

/** One pivoted point: its tags and fields as columns (absent fields are null or ""). */
type PointRow = Record<string, string | number | null | undefined> & { _time: string; _measurement: string; eventId: string };

/**
 * A customer's activity in the slice, newest first; every value reaches Flux as a literal. The
 * filter uses plain comparisons, which InfluxDB 1.8 hands down to its storage (contains() is not).
 * Storage answers one table per series and field, in time order, so the newest `limit` rows of each
 * are all it can add to the page (one more when the cursor removes the row at its own time). Older
 * rows of a field only some points have pivot into half-empty rows; there are always `limit` whole
 * rows newer than those, so the final sort and limit leave them out.
 */
export async function readTimeline(store: ActivityStore, slice: TimelineSlice): Promise<TimelineRow[]> {
  const stop = stopOf(slice);
  // A cursor from before `from` leaves nothing to read, and Flux refuses an empty range (a 500).
  if (stop <= nanosFromMillis(slice.from.getTime())) return [];
  const rows = await queryRows<PointRow>(
    store,
    flux`from(bucket: ${store.bucket})
  |> range(start: ${fluxDateTime(slice.from.toISOString())}, stop: ${fluxDateTime(rfc3339FromNanos(stop))})
  |> filter(fn: (r) => r.customerId == ${slice.customerId} and ${anyMeasurementOf(slice.kinds)})
  |> tail(n: ${slice.limit + (slice.before ? 1 : 0)})
  |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
  ${olderThan(slice.before)}
  |> group()
  |> sort(columns: ["_time", "eventId"], desc: true)
  |> limit(n: ${slice.limit})`,
  );
  return rows.map(toTimelineRow);
}

/** `(r._measurement == "search" or r._measurement == "login")`, each kind a sanitised literal. */
function anyMeasurementOf(kinds: readonly ActivityKind[]) {
  return fluxExpression(`(${kinds.map((kind) => flux`r._measurement == ${kind}`.toString()).join(' or ')})`);
}

/** The range stops (exclusively) at `to`, or just after the previous page's last point. */
function stopOf(slice: TimelineSlice): bigint {
  const to = nanosFromMillis(slice.to.getTime());
  return slice.before && slice.before.nanos < to ? slice.before.nanos + 1n : to;
}

function olderThan(before: TimelinePosition | undefined) {
  if (!before) return fluxExpression('');
  const time = fluxDateTime(rfc3339FromNanos(before.nanos));
  return flux`|> filter(fn: (r) => r._time < ${time} or (r._time == ${time} and r.eventId < ${before.eventId}))`;
}

function toTimelineRow(row: PointRow): TimelineRow {
  const nanos = nanosFromRfc3339(row._time);
  const base = { eventId: row.eventId, occurredAt: new Date(millisFromNanos(nanos)).toISOString() };
  return { entry: ActivityEntry.parse({ kind: row._measurement, ...base, ...detailsOf(row) }), position: { nanos, eventId: row.eventId } };
}

function detailsOf(row: PointRow): Record<string, unknown> {
  switch (row._measurement) {
    case 'search':
      return { query: row.query ?? '', resultCount: row.resultCount, filters: JSON.parse(optional(row.filters) ?? '{}') };
    case 'login':
      return { userAgent: optional(row.userAgent), ip: optional(row.ip) };
    case 'order':
      return { orderId: row.orderId, total: { amount: row.amount, currency: row.currency }, itemCount: row.itemCount };
    default:
      return {
        paymentId: row.paymentId,
        orderId: row.orderId,
        status: row.status,
        amount: { amount: row.amount, currency: row.currency },
        reason: optional(row.reason),
      };
  }
}

/** Pivoted rows hold "" where a string field of another point was set and this one's was not. */
function optional(value: string | number | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
