import { continueTrace, SpanKind, startBackgroundLoop, trackOutboxBacklog, type Backoff, type BackgroundLoop } from '@pasar/service-kit';
import type pg from 'pg';
import { listenForOutboxNotifications } from './outbox-notifications.ts';

/** Anything that publishes a JSON payload under an event id: DaprClient.publishUnchecked fits. */
export interface OutboxPublisher {
  publishUnchecked(topic: string, data: unknown, eventId?: string): Promise<void>;
}

export interface OutboxLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface OutboxRelayOptions {
  pool: pg.Pool;
  publisher: OutboxPublisher;
  logger?: OutboxLogger;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** Publishes in flight at once. 1 (the default) keeps strict id order. */
  concurrency?: number;
  /** A poll even without NOTIFY (a lost notification, another replica's rows). */
  pollIntervalMs?: number;
  /** After a failed publish (default 100 ms doubling to 10 s). */
  backoff?: Partial<Backoff>;
}

/** Look for work now with wake() (e.g. right after a commit that wrote to the outbox); stop() finishes the batch under way. */
export type OutboxRelay = BackgroundLoop;

/** A service's outbox settings, under the names every relaying service's config gives them. */
export interface OutboxSettings {
  OUTBOX_POLL_INTERVAL_MS: number;
  /** Only where the service's messages need no order among them. */
  OUTBOX_CONCURRENCY?: number;
}

/** The relay of a service, as its settings describe it. */
export function startServiceOutboxRelay(
  deps: Pick<OutboxRelayOptions, 'pool' | 'publisher' | 'logger'>,
  settings: OutboxSettings,
): OutboxRelay {
  return startOutboxRelay({
    ...deps,
    pollIntervalMs: settings.OUTBOX_POLL_INTERVAL_MS,
    ...(settings.OUTBOX_CONCURRENCY !== undefined && { concurrency: settings.OUTBOX_CONCURRENCY }),
  });
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: unknown;
  event_id: string;
  traceparent: string | null;
  tracestate: string | null;
}

/**
 * Publishes unpublished rows in id order. Each batch is claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work without publishing a row twice at once; a failure stops the batch (order
 * is kept), records the error on the row and backs off. Survives restarts: the state is the table.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 1;
  let stopping = false;

  const loop = startBackgroundLoop(
    async () => {
      while ((await publishBatch(options.pool, options.publisher, batchSize, concurrency)) === batchSize && !stopping);
      return options.pollIntervalMs ?? 1000;
    },
    {
      backoff: { initialMs: 100, maxMs: 10_000, ...options.backoff },
      onError: (error, { failures, retryInMs }) =>
        options.logger?.warn({ err: error, failures, backoffMs: retryInMs }, 'outbox relay: publishing failed, backing off'),
    },
  );
  const listener = listenForOutboxNotifications(options.pool, () => loop.wake(), options.logger);
  const untrackBacklog = trackOutboxBacklog({ name: 'outbox', measure: () => measureBacklog(options.pool) });

  return {
    wake: loop.wake,
    async stop() {
      stopping = true;
      untrackBacklog();
      await loop.stop();
      await listener.stop();
    },
  };
}

/**
 * One transaction: claim a batch, publish it, mark what went out. Returns how many were published,
 * or throws the first publish failure once the batch's outcome is committed.
 * With concurrency 1 the rows go out strictly in id order and the first failure ends the batch;
 * above 1, up to that many publishes are in flight at once (order within a batch is not kept).
 */
async function publishBatch(pool: pg.Pool, publisher: OutboxPublisher, batchSize: number, concurrency: number): Promise<number> {
  const client = await pool.connect();
  let outcome: BatchOutcome;
  try {
    outcome = await claimPublishAndRecord(client, publisher, batchSize, concurrency);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    // Released with the error, the connection is closed instead of going back to the pool half-used.
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
  client.release();
  if (outcome.failures[0]) throw outcome.failures[0].error;
  return outcome.published.length;
}

interface BatchOutcome {
  published: string[];
  failures: Array<{ id: string; error: unknown }>;
}

async function claimPublishAndRecord(
  client: pg.PoolClient,
  publisher: OutboxPublisher,
  batchSize: number,
  concurrency: number,
): Promise<BatchOutcome> {
  await client.query('begin');
  const { rows } = await client.query<OutboxRow>(
    `select id, topic, payload, event_id, traceparent, tracestate from outbox where published_at is null order by id limit $1 for update skip locked`,
    [batchSize],
  );
  const outcome = await publishAll(rows, publisher, concurrency);
  if (outcome.published.length) {
    await client.query(`update outbox set published_at = now(), attempts = attempts + 1, last_error = null where id = any($1::bigint[])`, [
      outcome.published,
    ]);
  }
  for (const { id, error } of outcome.failures) {
    await client.query(`update outbox set attempts = attempts + 1, last_error = $2 where id = $1`, [id, errorText(error)]);
  }
  await client.query('commit');
  return outcome;
}

async function publishAll(rows: OutboxRow[], publisher: OutboxPublisher, concurrency: number): Promise<BatchOutcome> {
  const published: string[] = [];
  const failures: BatchOutcome['failures'] = [];
  let next = 0;
  const worker = async () => {
    while (next < rows.length && (concurrency > 1 || failures.length === 0)) {
      const row = rows[next++]!;
      try {
        await publishInItsTrace(publisher, row);
        published.push(row.id);
      } catch (error) {
        failures.push({ id: row.id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { published, failures };
}

/** Published as part of the trace that wrote the row, however long ago and whichever process wrote it. */
function publishInItsTrace(publisher: OutboxPublisher, row: OutboxRow): Promise<void> {
  const stored = { ...(row.traceparent && { traceparent: row.traceparent }), ...(row.tracestate && { tracestate: row.tracestate }) };
  return continueTrace(stored, `outbox relay ${row.topic}`, { kind: SpanKind.INTERNAL }, () =>
    publisher.publishUnchecked(row.topic, row.payload, row.event_id),
  );
}

/** The backlog /metrics reports: unpublished rows, and how long the oldest has waited. */
async function measureBacklog(pool: pg.Pool): Promise<{ messages: number; oldestAgeSeconds: number }> {
  const { rows } = await pool.query<{ messages: string; oldest_age_seconds: number | null }>(
    `select count(*) as messages, extract(epoch from now() - min(created_at))::float8 as oldest_age_seconds
     from outbox where published_at is null`,
  );
  return { messages: Number(rows[0]?.messages ?? 0), oldestAgeSeconds: rows[0]?.oldest_age_seconds ?? 0 };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
