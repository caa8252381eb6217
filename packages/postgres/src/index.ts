import type pg from 'pg';

export type { Pool, PoolClient, QueryResultRow } from 'pg';
export * from './errors.ts';
export * from './migrations.ts';
export * from './service-database.ts';

export async function pingPostgres(pool: pg.Pool): Promise<void> {
  await pool.query('select 1');
}
export * from './outbox-relay.ts';
export * from './outbox-table.ts';
export * from './outbox-writer.ts';
export * from './inbox.ts';
