import pg from 'pg';

export type { Pool, PoolClient, QueryResultRow } from 'pg';
export * from './errors.ts';
export * from './migrations.ts';

/**
 * A pool for one service's role. Each role can touch only its own schema (see infra/postgres),
 * and its search_path points there. Short timeouts make "database down" a quick 503.
 */
export function createPool(connectionString: string, applicationName: string): pg.Pool {
  return new pg.Pool({
    connectionString,
    application_name: applicationName,
    max: 10,
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 30_000,
    statement_timeout: 10_000,
  });
}

export async function pingPostgres(pool: pg.Pool): Promise<void> {
  await pool.query('select 1');
}
export * from './outbox.ts';
export * from './inbox.ts';
