import { AppId } from '@pasar/contracts';
import { openServiceDatabase, storeCall as ownerStoreCall, type Pool } from '@pasar/postgres';
import type { Logger } from '@pasar/service-kit';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/** The pool of the service's role, migrated when asked to. */
export function openDatabase(options: { url: string; migrate: boolean; logger: Logger }): Promise<Pool> {
  return openServiceDatabase({ ...options, applicationName: AppId.order, migrationsDirectory: MIGRATIONS_DIRECTORY });
}

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export function storeCall<T>(work: () => Promise<T>): Promise<T> {
  return ownerStoreCall('order', work);
}
