import { AppId } from '@pasar/contracts';
import { openServiceDatabase, storeCall as ownerStoreCall, type Pool } from '@pasar/postgres';
import type { Logger } from '@pasar/service-kit';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/** 002 created the outbox table, @pasar/postgres's own migration now. */
export const RETIRED_VERSIONS = [2];

/** The pool of the service's role, migrated (its outbox too) when asked to. */
export function openDatabase(options: { url: string; migrate: boolean; logger: Logger }): Promise<Pool> {
  return openServiceDatabase({
    ...options,
    applicationName: AppId.order,
    migrationsDirectory: MIGRATIONS_DIRECTORY,
    retiredVersions: RETIRED_VERSIONS,
    outbox: true,
  });
}

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export function storeCall<T>(work: () => Promise<T>): Promise<T> {
  return ownerStoreCall('order', work);
}
