import { AppId } from '@pasar/contracts';
import { inTransaction as inPostgresTransaction, serviceDatabase, type Pool, type PoolClient, type QueryResultRow } from '@pasar/postgres';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);
/** 003 created the outbox table, @pasar/postgres's own migration now. */
export const RETIRED_VERSIONS = [3];

const database = serviceDatabase({
  applicationName: AppId.customer,
  migrationsDirectory: MIGRATIONS_DIRECTORY,
  retiredVersions: RETIRED_VERSIONS,
  outbox: true,
});

/** The pool of the service's role, migrated (its outbox too) when asked to. */
export const openDatabase = database.open;

export type Queryable = Pool | PoolClient;

/** Runs one statement; an unreachable database becomes a 503 instead of a 500. */
export function query<R extends QueryResultRow>(db: Queryable, text: string, values: unknown[] = []): Promise<R[]> {
  return database.storeCall(async () => (await db.query<R>(text, values)).rows);
}

/** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return database.storeCall(() => inPostgresTransaction(pool, work));
}
