import { backoffDelayMs, type Backoff } from '@pasar/service-kit';
import pg from 'pg';
import { outboxChannelOf } from './outbox-writer.ts';

const RECONNECT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000 };

/**
 * LISTEN on the schema's outbox channel through one dedicated connection, reconnecting with backoff
 * after a failure. Notifications only speed the relay up: it also polls.
 */
export function listenForOutboxNotifications(
  pool: pg.Pool,
  onNotify: () => void,
  logger?: { warn(details: object, message: string): void },
): { stop: () => Promise<void> } {
  let client: pg.PoolClient | undefined;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;

  const reconnectLater = () => {
    if (!stopped) retry = setTimeout(() => void connect(), backoffDelayMs(++failures, RECONNECT_BACKOFF));
  };

  const connect = async () => {
    try {
      const connected = await pool.connect();
      if (stopped) return connected.release();
      client = connected;
      connected.on('notification', onNotify);
      connected.on('error', (error) => dropAndRetry(connected, error));
      const { rows } = await connected.query<{ schema: string }>('select current_schema() as schema');
      await connected.query(`listen ${pg.escapeIdentifier(outboxChannelOf(rows[0]?.schema ?? 'public'))}`);
      failures = 0;
    } catch (error) {
      if (client) dropAndRetry(client, error);
      else reconnectLater();
    }
  };

  const dropAndRetry = (broken: pg.PoolClient, error: unknown) => {
    if (client !== broken) return;
    client = undefined;
    broken.removeAllListeners('notification');
    broken.release(error instanceof Error ? error : new Error(String(error)));
    logger?.warn({ err: error }, 'outbox relay: LISTEN connection lost, reconnecting');
    reconnectLater();
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
