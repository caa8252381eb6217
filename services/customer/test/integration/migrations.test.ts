import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPool, lockKeyOf, migrate, migrateOutbox, MigrationError } from '@pasar/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY, RETIRED_VERSIONS } from '../../src/data-access/db.ts';

/** The outbox table as customer, order and payment each created it in a migration of their own, before the package owned it. */
const SERVICE_OUTBOX_SQL = `create table outbox (
  id bigserial primary key,
  topic text not null,
  payload jsonb not null,
  event_id uuid not null unique,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_unpublished on outbox (id) where published_at is null;`;

/** The migration runner of @pasar/postgres, as a service's own role on a fresh schema. */
describe('the migration runner', () => {
  let scratch: ScratchSchema;
  let directory: string;

  beforeEach(async () => {
    scratch = await createScratchSchema('migrations_test');
    directory = await mkdtemp(path.join(tmpdir(), 'pasar-migrations-'));
  });

  afterEach(async () => {
    await scratch.drop();
    await rm(directory, { recursive: true, force: true });
  });

  const write = (files: Record<string, string>) =>
    Promise.all(Object.entries(files).map(([file, sql]) => writeFile(path.join(directory, file), sql)));
  const appliedVersions = async () =>
    (await scratch.pool.query<{ version: number }>('select version from schema_migrations order by version')).rows.map((r) => r.version);

  it('when five replicas migrate a fresh schema at once, then each file is applied exactly once', async () => {
    await write({
      '001_runs.sql': 'create table runs (n int not null);',
      '002_slow_insert.sql': 'select pg_sleep(0.3); insert into runs values (1);',
      '003_later.sql': 'create table later (id int primary key);',
    });
    const pools = Array.from({ length: 5 }, (_, i) => scratch.newPool(`replica-${i}`));

    const reports = await Promise.all(pools.map((pool) => migrate(pool, { directory })));

    expect(reports.flatMap((r) => r.applied).sort()).toEqual(['001_runs.sql', '002_slow_insert.sql', '003_later.sql']);
    expect(reports.filter((r) => r.applied.length > 0)).toHaveLength(1);
    expect(reports.every((r) => r.schema === scratch.name)).toBe(true);
    expect(await appliedVersions()).toEqual([1, 2, 3]);
    const { rows } = await scratch.pool.query<{ count: string }>('select count(*) from runs');
    expect(rows[0]?.count).toBe('1');
  });

  it('when it runs again with nothing new, then it applies nothing', async () => {
    await write({ '001_a.sql': 'create table a (id int);' });
    await migrate(scratch.pool, { directory });

    const again = await migrate(scratch.pool, { directory });

    expect(again).toEqual({ schema: scratch.name, applied: [], alreadyApplied: 1 });
  });

  it('when a new file is added, then only it is applied', async () => {
    await write({ '001_a.sql': 'create table a (id int);' });
    await migrate(scratch.pool, { directory });
    await write({ '002_b.sql': 'alter table a add column b text;' });

    const report = await migrate(scratch.pool, { directory });

    expect(report.applied).toEqual(['002_b.sql']);
    expect(await appliedVersions()).toEqual([1, 2]);
  });

  it('when an applied file was changed afterwards, then migrating fails with a checksum mismatch', async () => {
    await write({ '001_a.sql': 'create table a (id int);' });
    await migrate(scratch.pool, { directory });
    await write({ '001_a.sql': 'create table a (id bigint);' });

    const error = await migrate(scratch.pool, { directory }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/001_a\.sql was changed after it was applied \(checksum mismatch\)/);
  });

  it('when a file fails half-way, then none of it stays, it is not recorded, and the earlier files stay applied', async () => {
    await write({ '001_a.sql': 'create table a (id int);', '002_broken.sql': 'create table half (id int);\nselect 1 / 0;' });

    const error = await migrate(scratch.pool, { directory }).catch((e: unknown) => e);

    expect((error as Error).message).toMatch(/002_broken\.sql failed: division by zero/);
    expect(await appliedVersions()).toEqual([1]);
    const { rows } = await scratch.pool.query("select to_regclass('half') as half");
    expect(rows[0]?.half).toBeNull();
  });

  it('when a new file is older than one already applied, then migrating fails instead of applying it out of order', async () => {
    await write({ '001_a.sql': 'create table a (id int);', '003_c.sql': 'create table c (id int);' });
    await migrate(scratch.pool, { directory });
    await write({ '002_b.sql': 'create table b (id int);' });

    await expect(migrate(scratch.pool, { directory })).rejects.toThrow(/002_b\.sql is older than migration 3/);
  });

  it('when another run holds the lock longer than the lock timeout, then migrating gives up with a clear error', async () => {
    await write({ '001_a.sql': 'create table a (id int);' });
    const holder = await scratch.newPool('lock-holder').connect();
    await holder.query('select pg_advisory_lock($1::bigint)', [lockKeyOf(scratch.name)]);
    try {
      const started = Date.now();

      await expect(migrate(scratch.pool, { directory, lockTimeoutMs: 300 })).rejects.toThrow(/still holds the migration lock/);

      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      holder.release(true);
    }
  });

  it("applies the customer service's own migrations to a fresh schema, as the service's role, then the outbox of @pasar/postgres", async () => {
    const report = await migrate(scratch.pool, { directory: MIGRATIONS_DIRECTORY, retiredVersions: RETIRED_VERSIONS });
    const outbox = await migrateOutbox(scratch.pool);

    expect(report.applied).toEqual(['001_customers.sql', '002_addresses.sql', '004_staff_roles.sql']);
    expect(outbox.applied).toEqual(['001_outbox.sql', '002_outbox_trace_context.sql']);
    const { rows } = await scratch.pool.query<{ table_name: string }>(
      'select table_name from information_schema.tables where table_schema = $1 order by table_name',
      [scratch.name],
    );
    expect(rows.map((r) => r.table_name)).toEqual(['addresses', 'customers', 'outbox', 'outbox_migrations', 'schema_migrations']);
  });

  it('when a schema got its outbox from a service migration before @pasar/postgres owned the table, then with that version retired it still migrates and the table keeps its rows', async () => {
    await write({ '001_a.sql': 'create table a (id int);', '002_outbox.sql': SERVICE_OUTBOX_SQL });
    await migrate(scratch.pool, { directory });
    await scratch.pool.query(`insert into outbox (topic, payload, event_id) values ('t', '{}', $1)`, [randomUUID()]);
    await rm(path.join(directory, '002_outbox.sql'));
    await write({ '003_b.sql': 'create table b (id int);' });

    const report = await migrate(scratch.pool, { directory, retiredVersions: [2] });
    const outbox = await migrateOutbox(scratch.pool);

    expect(report.applied).toEqual(['003_b.sql']);
    expect(outbox.applied).toEqual(['001_outbox.sql', '002_outbox_trace_context.sql']);
    const { rows } = await scratch.pool.query<{ count: string }>('select count(*) from outbox');
    expect(rows[0]?.count).toBe('1');
  });

  it('when the database cannot be reached, then migrating fails at once instead of hanging', async () => {
    const unreachable = createPool('postgres://x:y@127.0.0.1:1/pasar', 'unreachable');
    const started = Date.now();
    try {
      await expect(migrate(unreachable, { directory: MIGRATIONS_DIRECTORY })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await unreachable.end();
    }
  });
});

describe('lock keys', () => {
  it('differ per schema, so services never wait for each other', () => {
    expect(lockKeyOf('customer')).not.toBe(lockKeyOf('ordering'));
    expect(lockKeyOf('customer')).toBe(lockKeyOf('customer'));
  });
});
