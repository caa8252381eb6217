import { randomUUID } from 'node:crypto';
import { ActivityTimelineQuery, type ActivityTimeline } from '@pasar/contracts';
import { AppError, parseInput } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginEvent, orderEvent, paymentEvent, searchEvent } from '@pasar/testing';
import type { ActivityStore } from '../../src/data-access/influx.ts';
import { createActivityRecorder, type ActivityRecorder } from '../../src/domain/recording.ts';
import { createCustomerTimeline } from '../../src/domain/timeline.ts';
import { at } from '../support/time.ts';
import { createTestDatabase, type TestDatabase } from '../support/influx-database.ts';
import { storeFor, unreachableStore } from '../support/store.ts';

let database: TestDatabase;
let store: ActivityStore;
let recorder: ActivityRecorder;

beforeAll(async () => {
  database = await createTestDatabase('activity_timeline');
  store = storeFor(database);
  recorder = createActivityRecorder(store);
});
afterAll(async () => database?.drop());

function timeline(customerId: string, query: Record<string, string> = {}): Promise<ActivityTimeline> {
  return createCustomerTimeline(store)(customerId, parseInput(ActivityTimelineQuery, query, 'query'));
}

/** One event of each kind, a minute apart, the payment newest. */
async function recordOneOfEach(customerId: string, base: string) {
  const events = {
    search: searchEvent({ customerId, occurredAt: at(base, 0), query: 'Kopi Gayo', resultCount: 4, filters: { category: 'minuman' } }),
    login: loginEvent({ customerId, occurredAt: at(base, 60_000), userAgent: undefined }),
    order: orderEvent({ customerId, occurredAt: at(base, 120_000) }),
    payment: paymentEvent({ customerId, occurredAt: at(base, 180_000), status: 'FAILED', reason: 'card declined' }),
  };
  await recorder.search(events.search);
  await recorder.login(events.login);
  await recorder.order(events.order);
  await recorder.payment(events.payment);
  return events;
}

describe("a customer's activity timeline", () => {
  it('when a customer has each kind of activity, then the timeline shows all of it newest first, with its details', async () => {
    const customerId = randomUUID();
    const { search, login, order, payment } = await recordOneOfEach(customerId, at(new Date(), -3_600_000));

    const page = await timeline(customerId);

    expect(page).toEqual({
      customerId,
      nextCursor: null,
      items: [
        {
          kind: 'payment',
          eventId: payment.eventId,
          occurredAt: payment.occurredAt,
          paymentId: payment.paymentId,
          orderId: payment.orderId,
          status: 'FAILED',
          amount: { amount: 40000, currency: 'IDR' },
          reason: 'card declined',
        },
        {
          kind: 'order',
          eventId: order.eventId,
          occurredAt: order.occurredAt,
          orderId: order.orderId,
          total: { amount: 40000, currency: 'IDR' },
          itemCount: 3,
        },
        { kind: 'login', eventId: login.eventId, occurredAt: login.occurredAt, ip: '203.0.113.7' },
        {
          kind: 'search',
          eventId: search.eventId,
          occurredAt: search.occurredAt,
          query: 'Kopi Gayo',
          resultCount: 4,
          filters: { category: 'minuman' },
        },
      ],
    });
  });

  it('when kinds are given, then only those kinds are shown', async () => {
    const customerId = randomUUID();
    const { search, login } = await recordOneOfEach(customerId, at(new Date(), -3_600_000));

    const page = await timeline(customerId, { kinds: 'search,login' });

    expect(page.items.map((item) => item.eventId)).toEqual([login.eventId, search.eventId]);
  });

  it('when the range is given, then it includes from and excludes to', async () => {
    const customerId = randomUUID();
    const { login, order } = await recordOneOfEach(customerId, '2025-03-01T10:00:00.000Z');

    const page = await timeline(customerId, { from: '2025-03-01T10:01:00.000Z', to: '2025-03-01T10:03:00.000Z' });

    expect(page.items.map((item) => item.eventId)).toEqual([order.eventId, login.eventId]);
  });

  it("when another customer has activity, then it is not in this customer's timeline", async () => {
    const customerId = randomUUID();
    await recorder.login(loginEvent());

    expect((await timeline(customerId)).items).toEqual([]);
  });

  it('when the timeline is read page by page, then every entry comes exactly once, newest first, and the last page has no cursor', async () => {
    const customerId = randomUUID();
    const base = at(new Date(), -7_200_000);
    // Two of them in the same millisecond; only the older ones have a user agent, so that field's
    // series holds older rows than the newest page (they must not leak into it half-empty).
    const events = [0, 1000, 1000, 2000, 3000, 4000].map((offset, i) =>
      loginEvent({ customerId, occurredAt: at(base, offset), ...(i >= 3 && { userAgent: undefined, ip: undefined }) }),
    );
    for (const event of events) await recorder.login(event);

    const pages: ActivityTimeline[] = [await timeline(customerId, { limit: '2' })];
    while (pages.at(-1)?.nextCursor) pages.push(await timeline(customerId, { limit: '2', cursor: pages.at(-1)!.nextCursor! }));

    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 2]);
    const seen = pages.flatMap((page) => page.items);
    expect(new Set(seen.map((item) => item.eventId))).toEqual(new Set(events.map((event) => event.eventId)));
    expect(seen.map((item) => item.occurredAt)).toEqual([...seen.map((item) => item.occurredAt)].sort().reverse());
    expect(seen.slice(0, 3).map((item) => item.kind === 'login' && item.userAgent !== undefined)).toEqual([false, false, false]);
    expect(seen.slice(3).map((item) => item.kind === 'login' && item.userAgent !== undefined)).toEqual([true, true, true]);
  });

  it('when a page is exactly full, then the next page is empty rather than missing', async () => {
    const customerId = randomUUID();
    for (const offset of [0, 1000]) await recorder.login(loginEvent({ customerId, occurredAt: at(new Date(), -60_000 + offset) }));

    const page = await timeline(customerId, { limit: '2' });

    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
  });

  it('when the cursor is older than the range (a cursor the fuzzer made up), then the page is empty, not a 500', async () => {
    const customerId = randomUUID();
    await recorder.login(loginEvent({ customerId, occurredAt: at(new Date(), -60_000) }));

    const page = await timeline(customerId, { cursor: `0_${randomUUID()}` });

    expect(page).toEqual({ customerId, items: [], nextCursor: null });
  });

  it('when InfluxDB cannot be reached, then reading the timeline is a 503, quickly', async () => {
    const started = Date.now();

    const error = await createCustomerTimeline(unreachableStore())(randomUUID(), parseInput(ActivityTimelineQuery, {}, 'query')).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
