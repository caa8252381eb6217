import { callStore, type DataStore } from '@pasar/service-kit';
import pg from 'pg';
import { isConnectionError } from './errors.ts';
import { migrate } from './migrations.ts';
import { migrateOutbox } from './outbox-table.ts';

export interface ServiceDatabaseOptions {
  url: string;
  /** Shown in pg_stat_activity: the app id. */
  applicationName: string;
  migrationsDirectory: URL;
  /** Versions once applied from migrationsDirectory whose files moved elsewhere (see MigrateOptions). */
  retiredVersions?: readonly number[];
  /** Apply pending migrations before returning (MIGRATE_ON_START). */
  migrate: boolean;
  /** The schema has an outbox: its table (this package's migration) is migrated after the service's own. */
  outbox?: boolean;
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/**
 * The pool of one service's role, its migrations applied (under an advisory lock) when asked to.
 * Start-up fails, and the pool is closed, when the database cannot be reached or a migration fails.
 */
export async function openServiceDatabase(options: ServiceDatabaseOptions): Promise<pg.Pool> {
  const pool = createPool(options.url, options.applicationName);
  // Without a listener, an idle connection dropped by the server (a restart) would crash the process.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'an idle PostgreSQL connection failed'));
  if (!options.migrate) return pool;
  try {
    await migrate(pool, { directory: options.migrationsDirectory, retiredVersions: options.retiredVersions ?? [], logger: options.logger });
    if (options.outbox) await migrateOutbox(pool, { logger: options.logger });
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** A service's database as the kit's store-outage helper sees it: a 503 names whose database it is. */
export function serviceDatabaseStore(owner: string): DataStore {
  return { name: `The ${owner} database`, isOutage: isConnectionError };
}

/** Runs a store call, turning "the database is unreachable" into a quick 503 naming whose database. */
export function storeCall<T>(owner: string, work: () => Promise<T>): Promise<T> {
  return callStore(serviceDatabaseStore(owner), work);
}

/** What makes a service's database its own: its app id, its migrations, and whether it keeps an outbox. */
export interface ServiceDatabaseDefinition {
  applicationName: string;
  migrationsDirectory: URL;
  retiredVersions?: readonly number[];
  outbox?: boolean;
}

/** One service's database: opening its pool (migrated when asked to) and its store calls, each a 503 naming it when down. */
export function serviceDatabase(definition: ServiceDatabaseDefinition) {
  return {
    open: (options: Pick<ServiceDatabaseOptions, 'url' | 'migrate' | 'logger'>) => openServiceDatabase({ ...definition, ...options }),
    storeCall: <T>(work: () => Promise<T>): Promise<T> => storeCall(definition.applicationName, work),
  };
}

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
