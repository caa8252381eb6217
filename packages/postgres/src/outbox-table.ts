import type pg from 'pg';
import { migrate, type MigrateOptions, type MigrationReport } from './migrations.ts';

export const OUTBOX_MIGRATIONS_DIRECTORY = new URL('../migrations/outbox/', import.meta.url);

/**
 * Creates the outbox table in the pool's schema (or brings it up to date). The SQL is this
 * package's, written once for every service; its history table is its own, so its versions never
 * mix with the service's. Run it after the service's own migrations.
 */
export function migrateOutbox(
  pool: pg.Pool,
  options: Pick<MigrateOptions, 'schema' | 'logger' | 'lockTimeoutMs'> = {},
): Promise<MigrationReport> {
  return migrate(pool, { ...options, directory: OUTBOX_MIGRATIONS_DIRECTORY, historyTable: 'outbox_migrations' });
}
