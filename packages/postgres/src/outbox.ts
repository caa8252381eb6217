import pg from 'pg';

/**
 * The transactional outbox: a message is written in the same transaction as the change it
 * announces, and a relay publishes it afterwards. So a committed change always gets its message
 * out (at least once), even when the broker or sidecar was down at commit time.
 *
 * The table lives in the service's own schema, created by one of its migrations (each service owns
 * its DDL; services/order/migrations/002_outbox.sql is the shape this module expects).
 */

export interface OutboxMessage {
  topic: string;
  payload: unknown;
  eventId: string;
}

/** Anything that publishes a JSON payload under an event id: DaprClient.publishUnchecked fits. */
export interface OutboxPublisher {
  publishUnchecked(topic: string, data: unknown, eventId?: string): Promise<void>;
}

export interface OutboxLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The NOTIFY channel of a schema's outbox (channels are database-wide, schemas are not). */
export function outboxChannelOf(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Adds a message to the outbox inside the caller's transaction; the relay is woken on commit.
 * A second insert of the same event id is ignored (the message is already on its way).
 */
export async function insertOutboxMessage(client: pg.ClientBase, message: OutboxMessage): Promise<void> {
  await client.query(
    `insert into outbox (topic, payload, event_id) values ($1, $2, $3) on conflict (event_id) do nothing`,
    [message.topic, JSON.stringify(message.payload), message.eventId],
  );
  await client.query(`select pg_notify('outbox_' || current_schema(), '')`);
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
  /** Backoff after a failed publish: doubles from the first value up to the maximum. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface OutboxRelay {
  /** Look for work now (e.g. right after a commit that wrote to the outbox). */
  wake(): void;
  /** Finishes the batch under way, stops listening and polling. */
  stop(): Promise<void>;
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: unknown;
  event_id: string;
}

/**
 * Publishes unpublished rows in id order. Each batch is claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work without publishing a row twice at once; a failure stops the batch (order
 * is kept), records the error on the row and backs off exponentially. Survives restarts: the state
 * is the table itself.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const settings = {
    batchSize: options.batchSize ?? 50,
    concurrency: options.concurrency ?? 1,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    initialBackoffMs: options.initialBackoffMs ?? 100,
    maxBackoffMs: options.maxBackoffMs ?? 10_000,
  };
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let wakeRequested = false;
  const listener = listenForNotifications(options.pool, () => relay.wake(), options.logger);

  const schedule = (delayMs: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };

  const cycle = async () => {
    try {
      let published: number;
      do {
        published = await publishBatch(options.pool, options.publisher, settings.batchSize, settings.concurrency);
        failures = 0;
      } while (published === settings.batchSize && !stopped);
      schedule(settings.pollIntervalMs);
    } catch (error) {
      failures++;
      const backoff = Math.min(settings.maxBackoffMs, settings.initialBackoffMs * 2 ** (failures - 1));
      options.logger?.warn({ err: error, failures, backoffMs: backoff }, 'outbox relay: publishing failed, backing off');
      schedule(backoff);
    }
  };

  function run(): void {
    if (stopped) return;
    if (running) {
      wakeRequested = true;
      return;
    }
    clearTimeout(timer);
    running = cycle().finally(() => {
      running = undefined;
      if (wakeRequested && failures === 0) {
        wakeRequested = false;
        run();
      }
    });
  }

  const relay: OutboxRelay = {
    wake() {
      // During a backoff a wake-up does not hammer a broker that is down: the backoff timer runs next.
      if (failures === 0) run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await listener.stop();
    },
  };
  relay.wake();
  return relay;
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

async function claimPublishAndRecord(client: pg.PoolClient, publisher: OutboxPublisher, batchSize: number, concurrency: number): Promise<BatchOutcome> {
  await client.query('begin');
  const { rows } = await client.query<OutboxRow>(
    `select id, topic, payload, event_id from outbox where published_at is null order by id limit $1 for update skip locked`,
    [batchSize],
  );
  const outcome = await publishAll(rows, publisher, concurrency);
  if (outcome.published.length) {
    await client.query(`update outbox set published_at = now(), attempts = attempts + 1, last_error = null where id = any($1::bigint[])`, [outcome.published]);
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
        await publisher.publishUnchecked(row.topic, row.payload, row.event_id);
        published.push(row.id);
      } catch (error) {
        failures.push({ id: row.id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return { published, failures };
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}

/**
 * LISTEN on the schema's outbox channel through one dedicated connection, reconnecting after a
 * failure. Notifications only speed things up: the relay also polls.
 */
function listenForNotifications(pool: pg.Pool, onNotify: () => void, logger?: OutboxLogger): { stop: () => Promise<void> } {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    try {
      const connected = await pool.connect();
      if (stopped) return connected.release();
      client = connected;
      connected.on('notification', onNotify);
      connected.on('error', (error) => dropAndRetry(connected, error));
      const { rows } = await connected.query<{ schema: string }>('select current_schema() as schema');
      await connected.query(`listen ${pg.escapeIdentifier(outboxChannelOf(rows[0]?.schema ?? 'public'))}`);
    } catch (error) {
      if (client) dropAndRetry(client, error);
      else retry = setTimeout(connect, 2000);
    }
  };

  const dropAndRetry = (broken: pg.PoolClient, error: unknown) => {
    if (client !== broken) return;
    client = undefined;
    broken.removeAllListeners('notification');
    broken.release(error instanceof Error ? error : new Error(String(error)));
    logger?.warn({ err: error }, 'outbox relay: LISTEN connection lost, reconnecting');
    if (!stopped) retry = setTimeout(connect, 2000);
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const current = client;
      client = undefined;
      if (!current) return;
      current.removeAllListeners('notification');
      await current.query('unlisten *').catch(() => undefined);
      current.release();
    },
  };
}
