import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { LoginResponse } from '@pasar/contracts';
import { brokers, eventually, repoRoot, stackValue, systemAppAuth } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFoodProduct, orderUntilPaid, productCreatedOn } from '../support/order-journey.ts';

const run = promisify(execFile);
const GATEWAY = 'http://127.0.0.1:3000';
const PRODUCT_APP = 'http://127.0.0.1:3002';
/** dapr.yaml's app ports. */
const APP_PORTS = { gateway: 3000, catalog: 3001, product: 3002, customer: 3003, order: 3004, payment: 3005, activity: 3006, email: 3007 };
type App = keyof typeof APP_PORTS;

interface ZipkinSpan {
  id: string;
  parentId?: string;
  name: string;
  kind?: string;
  localEndpoint?: { serviceName?: string };
  tags?: Record<string, string>;
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(GATEWAY + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A span an app made itself, not one of its sidecar's (daprd's spans name their scope). */
const isAppSpan = (span: ZipkinSpan, app: App) =>
  span.localEndpoint?.serviceName === app && span.tags?.['otel.scope.name'] !== 'dapr-diagnostics';
const sidecarSpanNames = (spans: ZipkinSpan[], app: App) =>
  spans.filter((span) => span.localEndpoint?.serviceName === app && !isAppSpan(span, app)).map((span) => span.name);
const appSpanNames = (spans: ZipkinSpan[], app: App) => spans.filter((span) => isAppSpan(span, app)).map((span) => span.name);

/** Every sample of a Prometheus text exposition; throws on a line that is not one (or a comment). */
function parsePrometheusText(text: string): Array<{ name: string; labels: string; value: number }> {
  const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/;
  return text
    .split('\n')
    .filter((line) => line !== '' && !/^# (HELP|TYPE) /.test(line))
    .map((line) => {
      const match = sample.exec(line);
      if (!match) throw new Error(`not Prometheus text: ${line}`);
      return { name: match[1]!, labels: match[2] ?? '', value: Number(match[3]) };
    });
}

async function metricsOf(app: App) {
  const response = await fetch(`http://127.0.0.1:${APP_PORTS[app]}/metrics`);
  expect(response.status).toBe(200);
  return parsePrometheusText(await response.text());
}

const total = (samples: Array<{ name: string; value: number }>, name: string) =>
  samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);

/**
 * Issue 13: one order is one trace, across RPC, the outbox and messages, with spans from every app
 * and sidecar in the stack's Zipkin; and every app's /metrics moves with the traffic.
 */
describe.each(brokers)('one trace per order and metrics per app, the whole system over %s', (broker) => {
  const zipkin = stackValue('ZIPKIN_URL');
  const email = `trace-${randomUUID().slice(0, 8)}@example.test`;
  let auth: Record<string, string>;
  let metricsBefore: Record<App, Awaited<ReturnType<typeof metricsOf>>>;

  beforeAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
      env: { ...process.env, PASAR_BROKER: broker, PASAR_DATASET: 'test', PASAR_SKIP_SETUP: '1', TRACE_SAMPLING_RATE: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    expect((await postJson('/api/customers', { email, name: 'Sekar', password: 'sangat-rahasia-123', locale: 'id' })).status).toBe(201);
    const login = LoginResponse.parse(await (await postJson('/api/customers/login', { email, password: 'sangat-rahasia-123' })).json());
    auth = { authorization: `Bearer ${login.accessToken}` };
    const address = {
      recipient: 'Sekar',
      line1: 'Jl. Malioboro 3',
      city: 'Yogyakarta',
      postalCode: '55213',
      country: 'ID',
      isDefault: true,
    };
    expect((await postJson('/api/customers/me/addresses', address, auth)).status).toBe(201);
    metricsBefore = Object.fromEntries(
      await Promise.all((Object.keys(APP_PORTS) as App[]).map(async (app) => [app, await metricsOf(app)] as const)),
    ) as typeof metricsBefore;
    // Eight apps and sidecars from cold on a loaded 2-core machine took more than the default 180 s once.
  }, 300_000);

  afterAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
  });

  it('when an order is placed through the gateway and paid, then Zipkin holds it as one trace through every app, the outbox and the messages', async () => {
    const traceId = randomBytes(16).toString('hex');
    await orderUntilPaid({
      gateway: GATEWAY,
      auth,
      createProduct: () => productCreatedOn(PRODUCT_APP, aFoodProduct('TRACE', 'Teh Tubruk', 42_000, 100), systemAppAuth()),
      quantity: 1,
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      paidWithin: { timeoutMs: 30_000, intervalMs: 300 },
    });
    await eventually(
      async () => {
        const mails = (await (
          await fetch(`${stackValue('MAILPIT_URL')}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`)
        ).json()) as { messages: unknown[] };
        expect(mails.messages).toHaveLength(2);
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );

    // Apps send their spans in batches (every few seconds), sidecars as they end: wait for the last.
    await eventually(
      async () => {
        const response = await fetch(`${zipkin}/api/v2/trace/${traceId}`);
        expect(response.status).toBe(200);
        const spans = (await response.json()) as ZipkinSpan[];

        for (const app of ['gateway', 'order', 'customer', 'product', 'payment', 'email', 'activity'] as const)
          expect(appSpanNames(spans, app), app).not.toEqual([]);
        expect(appSpanNames(spans, 'order')).toContain('publish order-created');
        expect(sidecarSpanNames(spans, 'order')).toContain('/v1.0/publish/pubsub/order-created');
        expect(sidecarSpanNames(spans, 'payment')).toEqual(
          expect.arrayContaining(['pubsub/order-created', '/v1.0/publish/pubsub/payment-status']),
        );
        for (const consumer of ['email', 'activity'] as const)
          expect(sidecarSpanNames(spans, consumer)).toEqual(expect.arrayContaining(['pubsub/order-created', 'pubsub/payment-status']));
        expect(appSpanNames(spans, 'payment')).toEqual(
          // Zipkin keeps span names in lower case.
          expect.arrayContaining(['process order-created', 'settle payment approved', 'payment status callback', 'publish payment-status']),
        );
        for (const consumer of ['email', 'activity'] as const)
          expect(appSpanNames(spans, consumer)).toEqual(expect.arrayContaining(['process order-created', 'process payment-status']));
        // The payment's callback reached order in the same trace.
        expect(appSpanNames(spans, 'order')).toEqual(expect.arrayContaining([expect.stringMatching(/payment-status$/)]));
        const pgUnderOrder = spans.filter(
          (span) => isAppSpan(span, 'order') && /postgres/.test(span.tags?.['db.system.name'] ?? span.tags?.['db.system'] ?? ''),
        );
        expect(pgUnderOrder).not.toEqual([]);
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
  }, 150_000);

  it('when requests and messages flowed, then every app serves Prometheus text whose counters moved', async () => {
    const after = Object.fromEntries(
      await Promise.all((Object.keys(APP_PORTS) as App[]).map(async (app) => [app, await metricsOf(app)] as const)),
    ) as typeof metricsBefore;
    const moved = (app: App, name: string) => total(after[app], name) - total(metricsBefore[app], name);

    for (const app of ['gateway', 'customer', 'product', 'order', 'payment'] as const)
      expect(moved(app, 'http_server_request_duration_seconds_count'), app).toBeGreaterThan(0);
    for (const app of ['payment', 'email', 'activity'] as const) expect(moved(app, 'messages_handled_total'), app).toBeGreaterThan(0);
    for (const app of ['order', 'payment'] as const) expect(moved(app, 'messages_published_total'), app).toBeGreaterThan(0);
    for (const app of ['order', 'payment', 'customer', 'product'] as const)
      expect(
        after[app].map((s) => s.name),
        app,
      ).toEqual(expect.arrayContaining(['outbox_backlog_messages', 'outbox_oldest_message_age_seconds']));
  });
});
