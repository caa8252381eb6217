import { AppId } from '@pasar/contracts';
import { serviceDatabase } from '@pasar/postgres';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/**
 * 002 created the outbox and the inbox: the outbox is @pasar/postgres's own migration now, the inbox
 * is 006. 003 and 004 created the provider simulator's tables: its own migrations now
 * (src/provider-simulator/migrations).
 */
export const RETIRED_VERSIONS = [2, 3, 4];

const database = serviceDatabase({
  applicationName: AppId.payment,
  migrationsDirectory: MIGRATIONS_DIRECTORY,
  retiredVersions: RETIRED_VERSIONS,
  outbox: true,
});

/** The pool of the service's role, migrated (its outbox too) when asked to. */
export const openDatabase = database.open;

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export const storeCall = database.storeCall;
