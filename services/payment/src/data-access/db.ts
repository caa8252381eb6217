import { AppId } from '@pasar/contracts';
import { openServiceDatabase, storeCall as ownerStoreCall, type Pool } from '@pasar/postgres';
import type { Logger } from '@pasar/service-kit';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/**
 * 002 created the outbox and the inbox: the outbox is @pasar/postgres's own migration now, the inbox
 * is 006. 003 and 004 created the provider simulator's tables: its own migrations now
 * (src/provider-simulator/migrations).
 */
export const RETIRED_VERSIONS = [2, 3, 4];

/** The pool of the service's role, migrated when asked to. */
export function openDatabase(options: { url: string; migrate: boolean; logger: Logger }): Promise<Pool> {
  return openServiceDatabase({
    ...options,
    applicationName: AppId.payment,
    migrationsDirectory: MIGRATIONS_DIRECTORY,
    retiredVersions: RETIRED_VERSIONS,
    outbox: true,
  });
}

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export function storeCall<T>(work: () => Promise<T>): Promise<T> {
  return ownerStoreCall('payment', work);
}
