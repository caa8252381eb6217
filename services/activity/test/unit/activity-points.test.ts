import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loginEvent, orderEvent, paymentEvent, searchEvent } from '@pasar/testing';
import { ANONYMOUS, loginPoint, orderPoint, paymentPoint, pointTimestamp, searchPoint } from '../../src/data-access/activity-points.ts';

const occurredAt = '2026-03-04T05:06:07.089Z';
const millisAsNanos = BigInt(Date.parse(occurredAt)) * 1_000_000n;

describe('point timestamps', () => {
  it('when the same event is mapped twice, then both points get the same nanosecond timestamp', () => {
    const eventId = randomUUID();

    expect(pointTimestamp(occurredAt, eventId)).toBe(pointTimestamp(occurredAt, eventId));
  });

  it("when an event is mapped, then its timestamp stays inside the event's own millisecond", () => {
    const nanos = pointTimestamp(occurredAt, randomUUID());

    expect(nanos >= millisAsNanos && nanos < millisAsNanos + 1_000_000n).toBe(true);
  });

  it('when many different events share one millisecond, then their timestamps differ', () => {
    // Fixed ids: with random ones, 200 events in one millisecond collide about 2% of the time (a
    // birthday bound over a million sub-millisecond slots), and the test would be flaky.
    const eventIds = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const timestamps = new Set(eventIds.map((eventId) => pointTimestamp(occurredAt, eventId)));

    expect(timestamps.size).toBe(200);
  });

  it('when occurredAt carries an offset, then the point is at the same instant in UTC', () => {
    const eventId = randomUUID();

    expect(pointTimestamp('2026-03-04T12:06:07.089+07:00', eventId)).toBe(pointTimestamp(occurredAt, eventId));
  });
});

describe('points per activity kind', () => {
  it('when a search has no customer, then it is tagged as anonymous', () => {
    const line = searchPoint(searchEvent({ customerId: null, occurredAt })).toLineProtocol();

    expect(line).toMatch(new RegExp(`^search,customerId=${ANONYMOUS} `));
  });

  it('when a search is mapped, then its query, result count, filters and event id are fields', () => {
    const event = searchEvent({ occurredAt, query: 'kopi "gayo"', resultCount: 3, filters: { category: 'minuman' } });

    const line = searchPoint(event).toLineProtocol() ?? '';

    expect(line).toContain(`search,customerId=${event.customerId} `);
    expect(line).toContain('query="kopi \\"gayo\\""');
    expect(line).toContain('resultCount=3i');
    expect(line).toContain(`eventId="${event.eventId}"`);
    expect(line).toContain('filters="{\\"category\\":\\"minuman\\"}"');
    expect(line.endsWith(` ${pointTimestamp(occurredAt, event.eventId)}`)).toBe(true);
  });

  it('when an order is mapped, then currency is a tag and the amount and item count are integers', () => {
    const event = orderEvent({ occurredAt });

    const line = orderPoint(event).toLineProtocol() ?? '';

    expect(line).toMatch(new RegExp(`^order,currency=IDR,customerId=${event.customerId} `));
    expect(line).toContain('amount=40000i');
    expect(line).toContain('itemCount=3i');
    expect(line).toContain(`orderId="${event.orderId}"`);
  });

  it('when a payment is mapped, then its status and currency are tags', () => {
    const event = paymentEvent({ occurredAt, status: 'FAILED', reason: 'card declined' });

    const line = paymentPoint(event).toLineProtocol() ?? '';

    expect(line).toMatch(new RegExp(`^payment,currency=IDR,customerId=${event.customerId},status=FAILED `));
    expect(line).toContain('reason="card declined"');
  });

  it('when a login has no user agent, then the field is left out rather than empty', () => {
    const event = loginEvent({ occurredAt, userAgent: undefined });

    expect(loginPoint(event).toLineProtocol()).not.toContain('userAgent');
  });
});
