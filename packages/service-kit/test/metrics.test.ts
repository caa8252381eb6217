import { randomUUID } from 'node:crypto';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../src/errors.ts';
import { createServiceApp } from '../src/http-app.ts';
import { trackOutboxBacklog } from '../src/metrics.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { deliver, DropMessage, subscribeWithSchema } from '../src/subscriptions.ts';

const logger = pino({ level: 'silent' });
let server: RunningServer;
let base: string;
const scrape = async () => {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
};
/** The value of one sample of the Prometheus text, by its name and exact labels. */
const sample = (text: string, name: string, labels: string) =>
  Number(
    text
      .split('\n')
      .find((line) => line.startsWith(`${name}{${labels}} `))
      ?.split(' ')[1] ?? Number.NaN,
  );

beforeAll(async () => {
  const routes = express.Router();
  routes.get('/things/:id', (req, res) => void res.json({ id: req.params.id }));
  routes.get('/broken/:id', () => {
    throw AppError.unavailable('the store is down');
  });
  server = await startServer(createServiceApp({ logger, readiness: [], routes }), { port: 0, logger });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server?.stop());

describe('/metrics', () => {
  it('when requests are answered, then they are counted and timed per route pattern and status, not per id', async () => {
    for (const id of ['a', 'b']) await fetch(`${base}/things/${id}`);
    await fetch(`${base}/broken/1`);

    const text = await scrape();

    expect(sample(text, 'http_server_request_duration_seconds_count', 'method="GET",route="/things/:id",status_code="200"')).toBe(2);
    expect(sample(text, 'http_server_request_duration_seconds_count', 'method="GET",route="/broken/:id",status_code="503"')).toBe(1);
    expect(text).not.toContain('route="/things/a"');
  });

  it('when messages are delivered, then each outcome is counted per topic, and a DROP as a dead letter', async () => {
    const topic = `metrics-${randomUUID().slice(0, 8)}`;
    const outcomes = ['ok', 'ok', 'fail', 'drop'];
    const subscription = subscribeWithSchema(topic, z.object({ outcome: z.string() }), async ({ outcome }) => {
      if (outcome === 'fail') throw new Error('the store is down');
      if (outcome === 'drop') throw new DropMessage('never to succeed');
    });
    for (const outcome of outcomes) await deliver(subscription, { id: randomUUID(), data: { outcome } }, logger);
    await deliver(subscription, { id: randomUUID(), data: { unexpected: true } }, logger);

    const text = await scrape();

    expect(sample(text, 'messages_handled_total', `topic="${topic}",outcome="SUCCESS"`)).toBe(2);
    expect(sample(text, 'messages_handled_total', `topic="${topic}",outcome="RETRY"`)).toBe(1);
    expect(sample(text, 'messages_handled_total', `topic="${topic}",outcome="DROP"`)).toBe(2);
    expect(sample(text, 'dead_letters_total', `topic="${topic}"`)).toBe(2);
  });

  it('when an outbox is tracked, then every scrape measures its backlog and oldest age, until it is no longer tracked', async () => {
    const name = `outbox-${randomUUID().slice(0, 8)}`;
    let messages = 3;
    const untrack = trackOutboxBacklog({ name, measure: async () => ({ messages, oldestAgeSeconds: messages * 10 }) });

    expect(sample(await scrape(), 'outbox_backlog_messages', `outbox="${name}"`)).toBe(3);
    messages = 1;
    const later = await scrape();
    expect(sample(later, 'outbox_backlog_messages', `outbox="${name}"`)).toBe(1);
    expect(sample(later, 'outbox_oldest_message_age_seconds', `outbox="${name}"`)).toBe(10);

    untrack();
    expect(await scrape()).not.toContain(`outbox="${name}"`);
  });

  it('when an outbox cannot be measured, then the scrape still answers', async () => {
    const untrack = trackOutboxBacklog({ name: 'unreachable', measure: () => Promise.reject(new Error('connection refused')) });
    try {
      expect(await scrape()).toContain('http_server_request_duration_seconds');
    } finally {
      untrack();
    }
  });
});
