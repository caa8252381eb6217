import { currentTraceContext } from '@pasar/service-kit';
import type pg from 'pg';

/**
 * The transactional outbox: a message is written in the same transaction as the change it
 * announces, and a relay (outbox-relay.ts) publishes it afterwards. So a committed change always
 * gets its message out (at least once), even when the broker or sidecar was down at commit time.
 * The table is this package's (migrations/outbox/, applied by migrateOutbox in each service's schema).
 */
export interface OutboxMessage {
  topic: string;
  payload: unknown;
  eventId: string;
}

/** The NOTIFY channel of a schema's outbox (channels are database-wide, schemas are not). */
export function outboxChannelOf(schema: string): string {
  return `outbox_${schema}`;
}

/**
 * Adds a message to the outbox inside the caller's transaction, with the trace of the work under
 * way; the relay is woken on commit. A second insert of the same event id is ignored (the message
 * is already on its way).
 */
export async function insertOutboxMessage(client: pg.ClientBase, message: OutboxMessage): Promise<void> {
  const { traceparent, tracestate } = currentTraceContext();
  await client.query(
    `insert into outbox (topic, payload, event_id, traceparent, tracestate) values ($1, $2, $3, $4, $5) on conflict (event_id) do nothing`,
    [message.topic, JSON.stringify(message.payload), message.eventId, traceparent ?? null, tracestate ?? null],
  );
  await client.query(`select pg_notify('outbox_' || current_schema(), '')`);
}
