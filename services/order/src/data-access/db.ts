import { AppId } from '@pasar/contracts';
import { serviceDatabase } from '@pasar/postgres';

export const MIGRATIONS_DIRECTORY = new URL('../../migrations/', import.meta.url);

/** 002 created the outbox table, @pasar/postgres's own migration now. */
export const RETIRED_VERSIONS = [2];

const database = serviceDatabase({
  applicationName: AppId.order,
  migrationsDirectory: MIGRATIONS_DIRECTORY,
  retiredVersions: RETIRED_VERSIONS,
  outbox: true,
});

/** The pool of the service's role, migrated (its outbox too) when asked to. */
export const openDatabase = database.open;

/** Runs a store call, turning "the database is unreachable" into a quick 503. */
export const storeCall = database.storeCall;
