import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Topic } from '@pasar/contracts';
import { deadLettersOf } from '@pasar/dead-letters';
import { createPool } from '@pasar/postgres';
import { MongoClient } from 'mongodb';
import { deleteElasticsearchIndices } from './elasticsearch.ts';
import { influxQl } from './influx.ts';
import { redisCommand } from './redis-command.ts';
import { repoRoot, stackEnv, stackValue } from './stack.ts';

/**
 * The test dataset (PASAR_DATASET=test, set by `npm test` and `npm run bench`): its own PostgreSQL
 * database, Redis database and RabbitMQ virtual host, and in the other stores names that start with
 * `test_`. So tests never touch what `npm start` keeps, and what they leave is found and removed.
 */
const TEST_PREFIX = 'test_';
const STACK_SCRIPT = path.join(repoRoot, 'scripts/stack/stack.sh');

/** A name of the test dataset for a database, index prefix, bucket or role a test creates. */
export function testResourceName(kind: string): string {
  return `${TEST_PREFIX}${kind}_${randomBytes(4).toString('hex')}`;
}

/**
 * Empties the test dataset and lays it out afresh: before a run, so it starts from nothing, and after
 * it, so nothing a test wrote stays in the stack.
 */
export async function resetTestDataset(): Promise<void> {
  assertTestDataset();
  await removeTestDataset();
  await createPostgresDatabase();
  const [influxDatabase] = stackValue('INFLUXDB_BUCKET').split('/');
  await influxQl(stackValue('INFLUXDB_URL'), `CREATE DATABASE "${influxDatabase}"`);
  rabbitmqctl('add_vhost', rabbitmqVhost());
  rabbitmqctl('set_permissions', '-p', rabbitmqVhost(), 'guest', '.*', '.*', '.*');
  await keepRabbitmqDeadLetters();
}

async function keepRabbitmqDeadLetters(): Promise<void> {
  const deadLetters = await deadLettersOf('rabbitmq', stackEnv());
  await deadLetters.keepDeadLetters(Object.values(Topic));
  await deadLetters.close();
}

async function removeTestDataset(): Promise<void> {
  await dropPostgresDatabase();
  await redisCommand(`redis://${stackValue('PUBSUB_REDIS_HOST')}/${stackValue('PUBSUB_REDIS_DB')}`, 'FLUSHDB');
  await redisCommand(stackValue('RATE_LIMIT_REDIS_URL'), 'FLUSHDB');
  if (rabbitmqctl('list_vhosts', '--quiet', '--no-table-headers').split('\n').includes(rabbitmqVhost()))
    rabbitmqctl('delete_vhost', rabbitmqVhost());
  await deleteElasticsearchIndices(TEST_PREFIX);
  await dropMongoDatabases();
  await dropInfluxDatabases();
  await fetch(new URL('/api/v1/search?query=to:example.test', stackValue('MAILPIT_URL')), { method: 'DELETE' });
  removeIsolatedNameResolutions();
}

/** The SQLite files of isolatedNameResolution(), one per test file that made one (npm start's own file stays). */
function removeIsolatedNameResolutions(): void {
  const directory = path.dirname(stackValue('DAPR_NAME_RESOLUTION_DB'));
  for (const file of readdirSync(directory).filter((name) => /^name-resolution-[0-9a-f-]{36}\.db/.test(name)))
    rmSync(path.join(directory, file), { force: true });
}

function assertTestDataset(): void {
  if (stackValue('PASAR_DATASET') !== 'test') throw new Error('the test dataset is PASAR_DATASET=test: refusing to empty another');
}

async function createPostgresDatabase(): Promise<void> {
  const { database } = postgresTarget();
  await asPostgresAdmin('postgres', [`create database ${database}`]);
  await asPostgresAdmin(database, [readFileSync(path.join(repoRoot, 'infra/postgres/init.sql'), 'utf8')]);
}

async function dropPostgresDatabase(): Promise<void> {
  const { database } = postgresTarget();
  await asPostgresAdmin('postgres', [`drop database if exists ${database} with (force)`]);
  const { rows } = await queryAsPostgresAdmin('postgres', `select rolname from pg_roles where rolname like '${TEST_PREFIX}%'`);
  await asPostgresAdmin(
    'postgres',
    rows.map((row) => `drop role if exists ${row.rolname}`),
  );
}

function postgresTarget(): { database: string } {
  return { database: new URL(stackValue('POSTGRES_ADMIN_URL')).pathname.slice(1) };
}

async function asPostgresAdmin(database: string, statements: string[]): Promise<void> {
  for (const statement of statements) await queryAsPostgresAdmin(database, statement);
}

async function queryAsPostgresAdmin(database: string, statement: string) {
  const url = new URL(stackValue('POSTGRES_ADMIN_URL'));
  url.pathname = `/${database}`;
  const pool = createPool(url.toString(), 'test-dataset');
  try {
    return await pool.query<{ rolname: string }>(statement);
  } finally {
    await pool.end();
  }
}

function rabbitmqVhost(): string {
  return decodeURIComponent(new URL(stackValue('PUBSUB_RABBITMQ_URL')).pathname.slice(1));
}

function rabbitmqctl(...args: string[]): string {
  return execFileSync('bash', [STACK_SCRIPT, 'rabbitmqctl', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function dropMongoDatabases(): Promise<void> {
  const client = new MongoClient(stackValue('MONGODB_URL'), { serverSelectionTimeoutMS: 5000 });
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    for (const { name } of databases.filter((db) => db.name.startsWith(TEST_PREFIX))) await client.db(name).dropDatabase();
  } finally {
    await client.close();
  }
}

async function dropInfluxDatabases(): Promise<void> {
  const url = stackValue('INFLUXDB_URL');
  const names = (await influxQl(url, 'SHOW DATABASES')).map((row) => String(row[0]));
  for (const name of names.filter((db) => db.startsWith(TEST_PREFIX))) await influxQl(url, `DROP DATABASE "${name}"`);
}
