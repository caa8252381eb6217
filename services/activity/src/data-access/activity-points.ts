import { createHash } from 'node:crypto';
import { Point } from '@influxdata/influxdb-client';
import type { ActivityKind, CustomerLoggedInV1, OrderCreatedV1, PaymentStatusV1, ProductSearchedV1 } from '@pasar/contracts';
import { nanosFromMillis } from './nanos.ts';

/** The customerId tag of a search nobody was logged in for. */
export const ANONYMOUS = 'anonymous';
/** Filters are kept as JSON for the timeline; beyond this they are left out (InfluxDB strings stop at 64 KiB). */
const MAX_FILTERS_JSON = 8192;

/**
 * The point's timestamp in nanoseconds: the event's own millisecond (occurredAt) plus a number
 * below one million taken from a hash of the event id, in the sub-millisecond digits. InfluxDB
 * identifies a point by series and timestamp, so the same event written twice lands on the same
 * point (a redelivery overwrites, never counts twice), while two different events of one series in
 * the same millisecond get different timestamps instead of overwriting each other. Only an equal
 * hash (one chance in a million for two such events) would still merge them.
 */
export function pointTimestamp(occurredAt: string, eventId: string): bigint {
  const subMillisecond = createHash('sha256').update(eventId).digest().readUIntBE(0, 6) % 1_000_000;
  return nanosFromMillis(Date.parse(occurredAt)) + BigInt(subMillisecond);
}

function activityPoint(kind: ActivityKind, event: { eventId: string; occurredAt: string }, customerId: string): Point {
  return new Point(kind)
    .tag('customerId', customerId)
    .stringField('eventId', event.eventId)
    .timestamp(pointTimestamp(event.occurredAt, event.eventId).toString());
}

export function searchPoint(event: ProductSearchedV1): Point {
  const point = activityPoint('search', event, event.customerId ?? ANONYMOUS)
    .stringField('query', event.query)
    .intField('resultCount', event.resultCount);
  const filters = JSON.stringify(event.filters);
  if (filters !== '{}' && filters.length <= MAX_FILTERS_JSON) point.stringField('filters', filters);
  return point;
}

export function loginPoint(event: CustomerLoggedInV1): Point {
  const point = activityPoint('login', event, event.customerId);
  if (event.userAgent) point.stringField('userAgent', event.userAgent);
  if (event.ip) point.stringField('ip', event.ip);
  return point;
}

export function orderPoint(event: OrderCreatedV1): Point {
  return activityPoint('order', event, event.customerId)
    .tag('currency', event.total.currency)
    .stringField('orderId', event.orderId)
    .intField('amount', event.total.amount)
    .intField(
      'itemCount',
      event.items.reduce((count, item) => count + item.quantity, 0),
    );
}

export function paymentPoint(event: PaymentStatusV1): Point {
  const point = activityPoint('payment', event, event.customerId)
    .tag('status', event.status)
    .tag('currency', event.amount.currency)
    .stringField('paymentId', event.paymentId)
    .stringField('orderId', event.orderId)
    .intField('amount', event.amount.amount);
  if (event.reason) point.stringField('reason', event.reason);
  return point;
}
