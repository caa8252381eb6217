import { createPool, migrate, migrateOutbox, type Pool } from '@pasar/postgres';
import { stackValue } from './stack.ts';
import { testResourceName } from './test-dataset.ts';

export interface ScratchSchema {
  /** The role's name, which is also its schema's name (as in infra/postgres/init.sql). */
  name: string;
  /** Connects as the role, whose search_path is its schema. */
  url: string;
  /** A pool as the role, closed by drop(). */
  pool: Pool;
  /** Another pool as the role (a second replica, say), also closed by drop(). */
  newPool(applicationName: string): Pool;
  drop(): Promise<void>;
}

/**
 * A fresh role owning a fresh schema, set up the way infra/postgres/init.sql sets up each service's,
 * so a test file works alone, as the service would, and leaves nothing behind. Given a service's
 * migrations folder (and whether it has an outbox), the schema is migrated as the service would migrate it.
 */
export async function createScratchSchema(
  prefix: string,
  options: { migrationsDirectory?: URL; outbox?: boolean } = {},
): Promise<ScratchSchema> {
  const name = testResourceName(prefix);
  const password = testResourceName('password');
  const adminUrl = stackValue('POSTGRES_ADMIN_URL');
  await asAdmin(adminUrl, [
    `create role ${name} login password '${password}'`,
    `create schema ${name} authorization ${name}`,
    `alter role ${name} set search_path = ${name}`,
    `grant connect on database ${new URL(adminUrl).pathname.slice(1)} to ${name}`,
  ]);
  const url = new URL(adminUrl);
  url.username = name;
  url.password = password;
  const pools: Pool[] = [];
  const newPool = (applicationName: string) => {
    const pool = createPool(url.toString(), applicationName);
    // drop() terminates the role's sessions; an idle client of this pool may see that first.
    pool.on('error', () => undefined);
    pools.push(pool);
    return pool;
  };
  const schema: ScratchSchema = {
    name,
    url: url.toString(),
    pool: newPool(`${name}-test`),
    newPool,
    drop: async () => {
      await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
      await asAdmin(adminUrl, [
        // Connections of the app under test may linger a moment after it stopped.
        `select pg_terminate_backend(pid) from pg_stat_activity where usename = '${name}'`,
        `drop owned by ${name} cascade`,
        `drop role ${name}`,
      ]);
    },
  };
  if (!options.migrationsDirectory) return schema;
  try {
    await migrate(schema.pool, { directory: options.migrationsDirectory });
    if (options.outbox) await migrateOutbox(schema.pool);
  } catch (error) {
    await schema.drop();
    throw error;
  }
  return schema;
}

async function asAdmin(adminUrl: string, statements: string[]): Promise<void> {
  const admin = createPool(adminUrl, 'scratch-schema-admin');
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}
