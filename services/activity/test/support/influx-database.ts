import { randomUUID } from 'node:crypto';
import { stackValue } from '@pasar/testing';

export interface TestDatabase {
  url: string;
  name: string;
  /** InfluxDB 1.8's v2 API names a bucket "database/retention policy". */
  bucket: string;
  drop: () => Promise<void>;
}

/** A database of the test file's own on the native stack's InfluxDB 1.8 (which has no auth). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const url = stackValue('INFLUXDB_URL');
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  await influxQl(url, `CREATE DATABASE "${name}"`);
  return { url, name, bucket: `${name}/autogen`, drop: async () => void (await influxQl(url, `DROP DATABASE "${name}"`)) };
}

/** InfluxQL at /query, for what the v2 API of 1.8 cannot do (databases) or to look underneath. */
export async function influxQl(url: string, statement: string, database?: string): Promise<unknown[][]> {
  const body = new URLSearchParams({ q: statement, ...(database && { db: database }) });
  const response = await fetch(new URL('/query', url), { method: 'POST', body, signal: AbortSignal.timeout(5000) });
  const answer = (await response.json()) as { results?: Array<{ error?: string; series?: Array<{ values?: unknown[][] }> }> };
  const result = answer.results?.[0];
  if (!response.ok || result?.error) throw new Error(`InfluxQL ${statement} failed: ${result?.error ?? response.status}`);
  return result?.series?.flatMap((series) => series.values ?? []) ?? [];
}
