import { isConnectionError, type Pool, type PoolClient, type QueryResultRow } from '@pasar/postgres';
import { AppError } from '@pasar/service-kit';

export type Queryable = Pool | PoolClient;

/** Runs one statement; an unreachable database becomes a 503 instead of a 500. */
export async function query<R extends QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<R[]> {
  try {
    return (await db.query<R>(text, values)).rows;
  } catch (error) {
    throw asAppError(error);
  }
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect().catch((error: unknown) => {
    throw asAppError(error);
  });
  try {
    await query(client, 'begin');
    const result = await work(client);
    await query(client, 'commit');
    client.release();
    return result;
  } catch (error) {
    const rolledBack = await client.query('rollback').then(() => true, () => false);
    client.release(rolledBack ? undefined : new Error('rollback failed: connection discarded'));
    throw asAppError(error);
  }
}

function asAppError(error: unknown): unknown {
  if (error instanceof AppError || !isConnectionError(error)) return error;
  return AppError.unavailable('The customer database is unavailable', error);
}
