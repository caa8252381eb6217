import { randomUUID } from 'node:crypto';
import { flux, Point } from '@influxdata/influxdb-client';
import { createLogger, deliver, type Subscription } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointTimestamp } from '../../src/data-access/activity-points.ts';
import { queryRows, writePoint, type ActivityStore } from '../../src/data-access/influx.ts';
import { nanosFromRfc3339 } from '../../src/data-access/nanos.ts';
import { createActivityRecorder, type ActivityRecorder } from '../../src/domain/recording.ts';
import { activitySubscriptions } from '../../src/subscriptions/index.ts';
import { influxQl, loginEvent, orderEvent, paymentEvent, searchEvent } from '@pasar/testing';
import { createTestDatabase, type TestDatabase } from '../support/influx-database.ts';
import { storeFor, unreachableStore } from '../support/store.ts';

const logger = createLogger('activity-test', 'silent');
let database: TestDatabase;
let store: ActivityStore;
let recorder: ActivityRecorder;

beforeAll(async () => {
  database = await createTestDatabase('activity_recording');
  store = storeFor(database);
  recorder = createActivityRecorder(store);
});
afterAll(async () => database?.drop());

/** Every point of a customer in a measurement, looked at underneath the service with InfluxQL. */
async function pointsOf(measurement: string, customerId: string): Promise<unknown[][]> {
  return influxQl(database.url, `SELECT "eventId" FROM "${measurement}" WHERE "customerId" = '${customerId}'`, database.name);
}

function deliveryTo(target: ActivityStore, topic: string, data: unknown) {
  const subscription: Subscription<any> | undefined = activitySubscriptions(createActivityRecorder(target)).find((s) => s.topic === topic);
  if (!subscription) throw new Error(`no subscription for ${topic}`);
  return deliver(subscription, { id: randomUUID(), data }, logger);
}

describe('recording activity in InfluxDB 1.8', () => {
  it('when the same event is recorded twice, then one point remains', async () => {
    const event = loginEvent();

    await recorder.login(event);
    await recorder.login(event);

    expect(await pointsOf('login', event.customerId)).toHaveLength(1);
  });

  it('when two different events of one customer share a millisecond, then both points remain', async () => {
    const customerId = randomUUID();
    const occurredAt = new Date().toISOString();

    await recorder.order(orderEvent({ customerId, occurredAt }));
    await recorder.order(orderEvent({ customerId, occurredAt }));

    expect(await pointsOf('order', customerId)).toHaveLength(2);
  });

  it("when an event is recorded, then the point is at the event's own time, not the time of writing", async () => {
    const event = paymentEvent({ occurredAt: '2025-06-01T08:30:00.123+07:00' });

    await recorder.payment(event);

    const rows = await queryRows<{ _time: string }>(
      store,
      flux`from(bucket: ${database.bucket})
      |> range(start: 2025-05-31T00:00:00Z, stop: 2025-06-02T00:00:00Z)
      |> filter(fn: (r) => r.customerId == ${event.customerId} and r._field == "eventId")`,
    );
    expect(rows.map((row) => nanosFromRfc3339(row._time))).toEqual([pointTimestamp(event.occurredAt, event.eventId)]);
  });

  it('when a search has no customer, then it is recorded under customerId "anonymous"', async () => {
    const event = searchEvent({ customerId: null, query: `anon-${randomUUID()}` });

    await recorder.search(event);

    const rows = await influxQl(
      database.url,
      `SELECT "customerId", "query" FROM "search" WHERE "eventId" = '${event.eventId}'`,
      database.name,
    );
    expect(rows.map((row) => row.slice(1))).toEqual([['anonymous', event.query]]);
  });

  it('when a message is delivered and stored, then the outcome is SUCCESS', async () => {
    const event = searchEvent();

    expect(await deliveryTo(store, 'product-searched', event)).toBe('SUCCESS');
    expect(await pointsOf('search', event.customerId!)).toHaveLength(1);
  });

  it('when InfluxDB cannot be reached, then the handler fails and the outcome is RETRY', async () => {
    const started = Date.now();

    expect(await deliveryTo(unreachableStore(), 'customer-logged-in', loginEvent())).toBe('RETRY');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('when InfluxDB refuses the point for good (a field type conflict), then the outcome is DROP', async () => {
    // A shard of its own (2001), where resultCount is first written as a string.
    const event = searchEvent({ occurredAt: '2001-02-03T04:05:06.007Z' });
    const conflicting = new Point('search')
      .tag('customerId', randomUUID())
      .stringField('resultCount', 'many')
      .timestamp(pointTimestamp(event.occurredAt, randomUUID()).toString());
    await writePoint(store, conflicting);

    expect(await deliveryTo(store, 'product-searched', event)).toBe('DROP');
  });

  it('when an event happened before 1970, then it is dropped rather than retried forever', async () => {
    expect(await deliveryTo(store, 'customer-logged-in', loginEvent({ occurredAt: '1969-07-20T20:17:00Z' }))).toBe('DROP');
  });
});
