import { inTransaction as inPostgresTransaction, storeCall, type Pool, type PoolClient, type QueryResultRow } from '@pasar/postgres';

export type Queryable = Pool | PoolClient;

/** Runs one statement; an unreachable database becomes a 503 instead of a 500. */
export function query<R extends QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<R[]> {
  return storeCall('customer', async () => (await db.query<R>(text, values)).rows);
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return storeCall('customer', () => inPostgresTransaction(pool, work));
}
