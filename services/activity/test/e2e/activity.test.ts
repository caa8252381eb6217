import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf, Topic, type ActivityTimeline, type ProblemDetails } from '@pasar/contracts';
import { createLogger, DaprClient, startServer, subscribeWithSchema, type RunningServer } from '@pasar/service-kit';
import {
  brokers,
  eventually,
  isolatedNameResolution,
  loginEvent,
  orderEvent,
  paymentEvent,
  searchEvent,
  startAppWithSidecar,
  startSubscriberApp,
  waitForSubscriptions,
  type AppUnderTest,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';
import { at } from '../support/time.ts';
import { createTestDatabase, type TestDatabase } from '../support/influx-database.ts';

const SOMEONE = '5f0c9c8e-2f5e-4a51-9a57-4a8f1f0f7d11';

/**
 * The activity app in-process beside a real daprd, under an id of its own (so its consumer group
 * gets every message), fed by a publisher app beside its own sidecar, on each broker.
 */
describe.each(brokers)('the activity service beside its sidecar, over %s', (broker) => {
  const run = randomUUID().slice(0, 8);
  const nameResolutionDb = isolatedNameResolution();
  const deadLetters: unknown[] = [];
  let database: TestDatabase;
  let activity: AppUnderTest;
  let publisher: AppUnderTest;
  let influxDown: RunningServer;

  beforeAll(async () => {
    database = await createTestDatabase(`activity_e2e_${broker}`);
    const config = Config.parse({ APP_PORT: '0', INFLUXDB_URL: database.url, INFLUXDB_BUCKET: database.bucket });
    activity = await startAppWithSidecar({
      appId: `activity-${run}`,
      broker,
      nameResolutionDb,
      build: (deps) => buildService(config, deps),
    });
    publisher = await startSubscriberApp({
      appId: `activity-publisher-${run}`,
      broker,
      nameResolutionDb,
      subscriptions: [
        subscribeWithSchema(deadLetterTopicOf(Topic.customerLoggedIn), z.unknown(), async (m) => void deadLetters.push(m), {
          deadLetterTopic: false,
        }),
      ],
    });
    influxDown = await startInstanceWithInfluxDown(
      new DaprClient({ host: '127.0.0.1', httpPort: activity.sidecar.httpPort, timeoutMs: 5000 }),
    );
    await waitForSubscriptions(activity, 4);
    await waitForSubscriptions(publisher, 1);
  });

  afterAll(async () => {
    await influxDown?.stop();
    await publisher?.stop();
    await activity?.stop();
    await database?.drop();
  });

  async function timelineOf(customerId: string, query = ''): Promise<ActivityTimeline> {
    const response = await fetch(`${activity.appUrl}/activity/customers/${customerId}/timeline${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ActivityTimeline;
  }

  it('when each kind of activity is published, then the timeline shows all four, newest first', async () => {
    const customerId = randomUUID();
    const base = at(new Date(), -60_000);
    const search = searchEvent({ customerId, occurredAt: at(base, 0) });
    const login = loginEvent({ customerId, occurredAt: at(base, 1000) });
    const order = orderEvent({ customerId, occurredAt: at(base, 2000) });
    const payment = paymentEvent({ customerId, orderId: order.orderId, occurredAt: at(base, 3000) });

    await publisher.dapr.publish(Topic.productSearched, search);
    await publisher.dapr.publish(Topic.customerLoggedIn, login);
    await publisher.dapr.publish(Topic.orderCreated, order);
    await publisher.dapr.publish(Topic.paymentStatus, payment);

    await eventually(
      async () => {
        const timeline = await timelineOf(customerId);
        expect(timeline.items.map((item) => [item.kind, item.eventId])).toEqual([
          ['payment', payment.eventId],
          ['order', order.eventId],
          ['login', login.eventId],
          ['search', search.eventId],
        ]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('when a succeeded payment is refunded, then the timeline shows the refund with its reason above the success', async () => {
    const customerId = randomUUID();
    const succeeded = paymentEvent({ customerId, occurredAt: at(new Date(), -10_000) });
    const refunded = paymentEvent({
      ...succeeded,
      eventId: randomUUID(),
      status: 'REFUNDED',
      reason: 'the order was cancelled before the payment arrived',
      occurredAt: at(new Date(), -5000),
    });

    await publisher.dapr.publish(Topic.paymentStatus, succeeded);
    await publisher.dapr.publish(Topic.paymentStatus, refunded);

    await eventually(
      async () => {
        const timeline = await timelineOf(customerId, '?kinds=payment');
        expect(timeline.items).toMatchObject([
          {
            kind: 'payment',
            eventId: refunded.eventId,
            paymentId: succeeded.paymentId,
            status: 'REFUNDED',
            reason: 'the order was cancelled before the payment arrived',
          },
          { kind: 'payment', eventId: succeeded.eventId, status: 'SUCCEEDED' },
        ]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('when the same event is published twice, then the timeline shows it once', async () => {
    const customerId = randomUUID();
    const login = loginEvent({ customerId, occurredAt: at(new Date(), -5000) });
    const later = loginEvent({ customerId });

    await publisher.dapr.publish(Topic.customerLoggedIn, login);
    await publisher.dapr.publish(Topic.customerLoggedIn, login);
    await publisher.dapr.publish(Topic.customerLoggedIn, later);

    await eventually(
      async () => {
        expect((await timelineOf(customerId)).items.map((item) => item.eventId)).toEqual([later.eventId, login.eventId]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('when a message does not match its contract, then it goes to the dead-letter topic and is not recorded', async () => {
    const customerId = randomUUID();
    const invalid = { ...loginEvent({ customerId }), ip: 'x'.repeat(65) };
    const valid = loginEvent({ customerId });

    await publisher.dapr.publishUnchecked(Topic.customerLoggedIn, invalid, invalid.eventId);
    await publisher.dapr.publish(Topic.customerLoggedIn, valid);

    await eventually(() => expect(deadLetters).toContainEqual(invalid), { timeoutMs: 30_000 });
    await eventually(async () => expect((await timelineOf(customerId)).items.map((item) => item.eventId)).toEqual([valid.eventId]));
  });

  it('when another app asks for a timeline through its sidecar, then it gets it by the activity app id', async () => {
    const response = await publisher.dapr.invokeRaw(activity.appId, 'GET', `/activity/customers/${randomUUID()}/timeline`);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ items: [], nextCursor: null });
  });

  it.each([
    ['/activity/customers/not-a-uuid/timeline', 'params.customerId'],
    [`/activity/customers/${SOMEONE}/timeline?from=yesterday`, 'query.from'],
    [`/activity/customers/${SOMEONE}/timeline?kinds=search,refund`, 'query.kinds'],
    [`/activity/customers/${SOMEONE}/timeline?limit=1000`, 'query.limit'],
    [`/activity/customers/${SOMEONE}/timeline?cursor=bm90LWEtY3Vyc29y`, 'query.cursor'],
    ['/activity/stats/payment-success-rate?to=soon', 'query.to'],
    ['/activity/stats/top-queries?limit=0', 'query.limit'],
  ])('when %s is asked for, then the answer is a 400 problem naming %s', async (path, field) => {
    await expectProblem(path, 400, field);
  });

  it.each([
    ['/activity/stats/searches-per-hour?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
    ['/activity/stats/orders-per-day?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
  ])(
    'when %s (a range upside down or too long: a rule of the description) is asked for, then the answer is a 422 naming query.from',
    async (path) => {
      await expectProblem(path, 422, 'query.from');
    },
  );

  async function expectProblem(path: string, status: number, field: string): Promise<void> {
    const response = await fetch(activity.appUrl + path);

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as ProblemDetails;
    expect(problem.errors?.map((error) => error.field)).toEqual([field]);
  }

  it.each(['searches-per-hour', 'top-queries', 'orders-per-day', 'payment-success-rate'])(
    'when the %s statistic is asked for, then it answers 200 with its range',
    async (statistic) => {
      const response = await fetch(`${activity.appUrl}/activity/stats/${statistic}?from=2025-01-01T00:00:00Z&to=2025-01-02T00:00:00Z`);

      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ from: '2025-01-01T00:00:00.000Z', to: '2025-01-02T00:00:00.000Z' });
    },
  );

  it('when InfluxDB is down, then /readyz says so with a 503 and the query API answers 503 quickly', async () => {
    const base = `http://127.0.0.1:${influxDown.port}`;
    const started = Date.now();

    const ready = await fetch(`${base}/readyz`);
    const timeline = await fetch(`${base}/activity/customers/${randomUUID()}/timeline`);
    const stats = await fetch(`${base}/activity/stats/payment-success-rate`);

    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ checks: { influxdb: { ok: false }, 'dapr-sidecar': { ok: true } } });
    expect([timeline.status, stats.status]).toEqual([503, 503]);
    expect(timeline.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

/** A second activity app whose InfluxDB is nowhere: nothing listens on port 1. */
async function startInstanceWithInfluxDown(dapr: DaprClient): Promise<RunningServer> {
  const logger = createLogger('activity-influx-down', process.env.TEST_LOG_LEVEL ?? 'silent');
  const config = Config.parse({ APP_PORT: '0', INFLUXDB_URL: 'http://127.0.0.1:1' });
  const { app } = await buildService(config, { logger, dapr });
  return startServer(app, { port: 0, logger });
}
