import { AppId } from '@pasar/contracts';
import { createPool, isConnectionError, migrate, type Pool } from '@pasar/postgres';
import { AppError, type Logger } from '@pasar/service-kit';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/** The pool of the ordering role, migrated when asked to. */
export async function openDatabase(options: { url: string; migrate: boolean; logger: Logger }): Promise<Pool> {
  const pool = createPool(options.url, AppId.order);
  // Without a listener, an idle connection dropped by the server (a restart) would crash the process.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'an idle PostgreSQL connection failed'));
  if (!options.migrate) return pool;
  try {
    await migrate(pool, { directory: MIGRATIONS_DIRECTORY, logger: options.logger });
    return pool;
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export async function storeCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isConnectionError(error)) throw AppError.unavailable('The order database is unavailable', error);
    throw error;
  }
}
