import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** One versioned SQL file, `<version>_<name>.sql`, e.g. `001_customers.sql`. */
export interface Migration {
  version: number;
  file: string;
  sql: string;
  /** sha256 of the file (line endings normalised): an applied file must never change. */
  checksum: string;
}

/** Compatible with pino: the runner says what it applied. */
export interface MigrationLogger {
  info(details: object, message: string): void;
}

export interface MigrateOptions {
  /** The folder of `<version>_<name>.sql` files: a path or a file: URL. */
  directory: string | URL;
  /** Where the tables and `schema_migrations` live. Default: the role's current schema (its search_path). */
  schema?: string;
  /**
   * The table recording what was applied, in `schema`. Default `schema_migrations`; a part with
   * migrations of its own in the same schema (payment's provider simulator) keeps its own history.
   */
  historyTable?: string;
  /**
   * Versions once applied from this folder whose files have moved to another folder (and history):
   * found in the history, they are neither an error nor applied again.
   */
  retiredVersions?: readonly number[];
  /** How long a replica waits for another one's run to finish before giving up. */
  lockTimeoutMs?: number;
  logger?: MigrationLogger;
}

export interface MigrationReport {
  schema: string;
  /** Files this call applied (another replica may have applied the rest). */
  applied: string[];
  /** Files that were already applied before this call. */
  alreadyApplied: number;
}

export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

interface AppliedMigration {
  version: number;
  checksum: string;
}

const FILE_NAME = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

// Kept over node-pg-migrate (no checksums: a changed applied file passes) and postgrator (no lock, no transaction around a file and its record).
/**
 * Applies the pending files of `directory` in version order, each in its own transaction, and
 * records them in `<schema>.schema_migrations`. A session advisory lock keyed by the schema name
 * serialises replicas starting together: the first applies, the others wait and find nothing to do.
 * Files must not manage transactions themselves (no BEGIN/COMMIT, no CREATE INDEX CONCURRENTLY).
 */
export async function migrate(pool: pg.Pool, options: MigrateOptions): Promise<MigrationReport> {
  const migrations = await loadMigrations(options.directory);
  const client = await pool.connect();
  try {
    const schema = options.schema ?? (await currentSchemaOf(client));
    await acquireLock(client, schema, options.lockTimeoutMs ?? 60_000);
    const report = await applyPending(client, schema, migrations, options);
    await client.query('select pg_advisory_unlock($1::bigint)', [lockKeyOf(schema)]);
    client.release();
    return report;
  } catch (error) {
    // Closing the session is what surely frees the advisory lock and any half-done transaction.
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}

/** Reads and checks the migration files of a folder, in version order. */
export async function loadMigrations(directory: string | URL): Promise<Migration[]> {
  const folder = typeof directory === 'string' ? directory : fileURLToPath(directory);
  const files = (await readdir(folder)).filter((file) => file.endsWith('.sql')).sort();
  const migrations = await Promise.all(files.map(async (file) => migrationOf(file, await readFile(path.join(folder, file), 'utf8'))));
  migrations.sort((a, b) => a.version - b.version);
  for (const [index, migration] of migrations.entries()) {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) throw new MigrationError(`${previous.file} and ${migration.file} have the same version`);
  }
  return migrations;
}

function migrationOf(file: string, content: string): Migration {
  const match = FILE_NAME.exec(file);
  if (!match) throw new MigrationError(`${file}: a migration file is named <version>_<name>.sql, e.g. 001_customers.sql`);
  const sql = content.replace(/\r\n/g, '\n');
  return { version: Number(match[1]), file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
}

/** A stable 64-bit advisory lock key per schema, so each service's runs serialise only among themselves. */
export function lockKeyOf(schema: string): string {
  return createHash('sha256').update(`pasar:schema_migrations:${schema}`).digest().readBigInt64BE(0).toString();
}

async function currentSchemaOf(client: pg.PoolClient): Promise<string> {
  const { rows } = await client.query<{ schema: string | null }>('select current_schema() as schema');
  const schema = rows[0]?.schema;
  if (!schema) throw new MigrationError('the role has no current schema: set its search_path or pass a schema');
  return schema;
}

/** The lock is session-level, so it outlives this little transaction, which only bounds the wait. */
async function acquireLock(client: pg.PoolClient, schema: string, timeoutMs: number): Promise<void> {
  await client.query('begin');
  await client.query(`set local lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`);
  await client.query('set local statement_timeout = 0');
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [lockKeyOf(schema)]);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw new MigrationError(`another run still holds the migration lock of schema ${schema} after ${timeoutMs} ms`, { cause: error });
  }
  await client.query('commit');
}

async function applyPending(
  client: pg.PoolClient,
  schema: string,
  migrations: Migration[],
  options: MigrateOptions,
): Promise<MigrationReport> {
  const table = `${pg.escapeIdentifier(schema)}.${pg.escapeIdentifier(options.historyTable ?? 'schema_migrations')}`;
  await client.query(`create table if not exists ${table} (
    version integer primary key,
    file text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`);
  const applied = (await client.query<AppliedMigration>(`select version, checksum from ${table} order by version`)).rows;
  const pending = pendingOf(migrations, applied, options.retiredVersions);
  for (const migration of pending) {
    await applyOne(client, schema, table, migration);
    options.logger?.info({ schema, migration: migration.file }, 'migration applied');
  }
  return { schema, applied: pending.map((m) => m.file), alreadyApplied: applied.length };
}

/**
 * The files still to apply, after checking history against them: an applied file that changed or
 * vanished is an error, and so is a new file older than one already applied. Versions applied by a
 * newer release (above every file here) are tolerated, so an older replica can still start, and
 * so are `retired` versions, whose files moved to another folder.
 */
export function pendingOf(migrations: Migration[], applied: AppliedMigration[], retired: readonly number[] = []): Migration[] {
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  const newestFile = migrations.at(-1)?.version ?? 0;
  for (const record of applied) {
    if (retired.includes(record.version)) continue;
    const migration = byVersion.get(record.version);
    if (!migration && record.version < newestFile)
      throw new MigrationError(`migration ${record.version} was applied but its file is missing`);
    if (migration && migration.checksum !== record.checksum) {
      throw new MigrationError(`${migration.file} was changed after it was applied (checksum mismatch): add a new migration instead`);
    }
  }
  const appliedVersions = new Set(applied.map((r) => r.version));
  const newestApplied = Math.max(0, ...appliedVersions);
  const pending = migrations.filter((m) => !appliedVersions.has(m.version));
  const late = pending.find((m) => m.version < newestApplied);
  if (late)
    throw new MigrationError(`${late.file} is older than migration ${newestApplied}, which is already applied: give it a higher version`);
  return pending;
}

async function applyOne(client: pg.PoolClient, schema: string, table: string, migration: Migration): Promise<void> {
  await client.query('begin');
  try {
    await client.query(`set local search_path to ${pg.escapeIdentifier(schema)}`);
    // A migration may legitimately take longer than the pool's statement timeout (an index build).
    await client.query('set local statement_timeout = 0');
    await client.query(migration.sql);
    await client.query(`insert into ${table} (version, file, checksum) values ($1, $2, $3)`, [
      migration.version,
      migration.file,
      migration.checksum,
    ]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw new MigrationError(`${migration.file} failed: ${(error as Error).message}`, { cause: error });
  }
}
