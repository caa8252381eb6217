import { influxQl, stackValue, testResourceName } from '@pasar/testing';

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
  const name = testResourceName(prefix);
  await influxQl(url, `CREATE DATABASE "${name}"`);
  return { url, name, bucket: `${name}/autogen`, drop: async () => void (await influxQl(url, `DROP DATABASE "${name}"`)) };
}
