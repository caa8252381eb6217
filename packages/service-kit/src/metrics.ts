import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, register } from 'prom-client';

/**
 * The app's Prometheus metrics, served at /metrics (createServiceApp). One registry per process, as
 * Prometheus scrapes one app per process; the sidecar serves Dapr's own beside it (metricsPort).
 */
export const metricsRegistry = register;

const SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const httpRequestDuration = new Histogram({
  name: 'http_server_request_duration_seconds',
  help: 'Requests the app answered, by route and status: their rate and errors (_count), and latency',
  labelNames: ['method', 'route', 'status_code'],
  buckets: SECONDS_BUCKETS,
});

const messagesHandled = new Counter({
  name: 'messages_handled_total',
  help: 'Messages delivered to the app, by topic and the outcome it answered (SUCCESS, RETRY, DROP)',
  labelNames: ['topic', 'outcome'],
});

const deadLetters = new Counter({
  name: 'dead_letters_total',
  help: 'Messages the app sent to their dead-letter topic (a DROP: invalid, or never to succeed)',
  labelNames: ['topic'],
});

const messagesPublished = new Counter({
  name: 'messages_published_total',
  help: 'Messages the app published through its sidecar, by topic',
  labelNames: ['topic'],
});

/** What an outbox reports of itself at each scrape. */
export interface OutboxBacklogSource {
  /** Its name in the metrics' `outbox` label (a schema, a collection). */
  name: string;
  /** Messages not yet published, and the age of the oldest (0 when none). */
  measure(): Promise<{ messages: number; oldestAgeSeconds: number }>;
}

const backlogSources = new Set<OutboxBacklogSource>();

const outboxBacklog = new Gauge({
  name: 'outbox_backlog_messages',
  help: 'Messages written to the outbox and not yet published',
  labelNames: ['outbox'],
  collect: () => measureBacklogOnce(),
});

const outboxOldestAge = new Gauge({
  name: 'outbox_oldest_message_age_seconds',
  help: 'How long the oldest unpublished outbox message has waited (0 when none)',
  labelNames: ['outbox'],
  collect: () => measureBacklogOnce(),
});

/** Reports an outbox's backlog at every scrape until the returned function is called (the relay stops). */
export function trackOutboxBacklog(source: OutboxBacklogSource): () => void {
  backlogSources.add(source);
  return () => {
    backlogSources.delete(source);
    outboxBacklog.remove(source.name);
    outboxOldestAge.remove(source.name);
  };
}

let measuring: Promise<void> | undefined;

/** Both gauges are collected at once in a scrape: one measurement serves them. */
function measureBacklogOnce(): Promise<void> {
  measuring ??= measureBacklog().finally(() => (measuring = undefined));
  return measuring;
}

async function measureBacklog(): Promise<void> {
  await Promise.all(
    [...backlogSources].map(async (source) => {
      // A store that does not answer leaves the last figures: the scrape itself must not fail.
      const measured = await source.measure().catch(() => undefined);
      if (!measured) return;
      outboxBacklog.set({ outbox: source.name }, measured.messages);
      outboxOldestAge.set({ outbox: source.name }, measured.oldestAgeSeconds);
    }),
  );
}

let defaultMetricsStarted = false;

/** Process metrics (memory, CPU, event loop delay, GC), once per process. */
export function startDefaultMetrics(): void {
  if (defaultMetricsStarted) return;
  defaultMetricsStarted = true;
  collectDefaultMetrics({ register });
}

/** Times every request; the route is the matched route's pattern, so ids do not make new series. */
export function requestMetrics(): RequestHandler {
  return (req, res, next) => {
    const stopTimer = httpRequestDuration.startTimer();
    res.once('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      stopTimer({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}

export function countHandled(topic: string, outcome: string): void {
  messagesHandled.inc({ topic, outcome });
  if (outcome === 'DROP') deadLetters.inc({ topic });
}

export function countPublished(topic: string): void {
  messagesPublished.inc({ topic });
}
