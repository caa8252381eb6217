import { insertOutboxMessage, type OutboxMessage, type Pool } from '@pasar/postgres';
import { inTransaction } from './db.ts';

/** Adds a message to the customer schema's outbox; the relay started in app.ts publishes it. */
export function createOutboxWriter(pool: Pool): (message: OutboxMessage) => Promise<void> {
  return (message) => inTransaction(pool, (client) => insertOutboxMessage(client, message));
}
