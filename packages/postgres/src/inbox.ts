import type pg from 'pg';

/**
 * The inbox: the ids of the messages a consumer has already handled, for handlers whose effect is
 * not naturally idempotent. Record the id in the same transaction as the effect: a duplicate
 * delivery then finds it and does nothing, and a failed handling leaves no record (it is retried).
 *
 * The table, `inbox (event_id uuid primary key, topic text not null, processed_at timestamptz)`,
 * lives in the service's own schema, created by one of its migrations (payment's 006).
 */

/**
 * Records an event as handled within the caller's transaction. True when this is its first
 * delivery; false when it was handled before (or is being handled by a concurrent delivery, which
 * this call then waits for: the unique key serialises the two).
 */
export async function recordInboxEvent(client: pg.ClientBase, eventId: string, topic: string): Promise<boolean> {
  const { rowCount } = await client.query(`insert into inbox (event_id, topic) values ($1, $2) on conflict (event_id) do nothing`, [
    eventId,
    topic,
  ]);
  return rowCount === 1;
}

/** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    client.release();
    return result;
  } catch (error) {
    const rolledBack = await client.query('rollback').then(
      () => true,
      () => false,
    );
    // A connection whose rollback failed may still be inside the transaction: discard it, never reuse it.
    client.release(rolledBack ? undefined : new Error('rollback failed: connection discarded'));
    throw error;
  }
}
