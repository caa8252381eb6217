import { createActivityStore, type ActivityStore } from '../../src/data-access/influx.ts';
import type { TestDatabase } from './influx-database.ts';

/** The store as the app configures it for InfluxDB 1.8: bucket "db/rp", empty token, org "-". */
export function storeFor(database: TestDatabase): ActivityStore {
  return createActivityStore({ url: database.url, token: '', org: '-', bucket: database.bucket, timeoutMs: 3000 });
}

/** A store nothing listens for: connections are refused at once. */
export function unreachableStore(): ActivityStore {
  return createActivityStore({ url: 'http://127.0.0.1:1', token: '', org: '-', bucket: 'pasar/autogen', timeoutMs: 3000 });
}
