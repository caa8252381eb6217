import { HttpError, InfluxDB, type ParameterizedQuery, type Point } from '@influxdata/influxdb-client';
import { callStore, type DataStore } from '@pasar/service-kit';

/** Where activity lives: InfluxDB 1.8 (bucket "db/rp", org ignored) or 2.x (org, bucket, token). */
export interface InfluxSettings {
  url: string;
  token: string;
  org: string;
  bucket: string;
  timeoutMs: number;
}

/** The settings as src/config.ts names them in the environment. */
export interface InfluxEnvironment {
  INFLUXDB_URL: string;
  INFLUXDB_TOKEN: string;
  INFLUXDB_ORG: string;
  INFLUXDB_BUCKET: string;
  INFLUXDB_TIMEOUT_MS: number;
}

export function influxSettingsOf(env: InfluxEnvironment): InfluxSettings {
  return {
    url: env.INFLUXDB_URL,
    token: env.INFLUXDB_TOKEN,
    org: env.INFLUXDB_ORG,
    bucket: env.INFLUXDB_BUCKET,
    timeoutMs: env.INFLUXDB_TIMEOUT_MS,
  };
}

export interface ActivityStore {
  client: InfluxDB;
  org: string;
  bucket: string;
}

/** The store refused the point for good (malformed, field type conflict, outside retention). */
export class PointRejected extends Error {
  constructor(cause: HttpError) {
    super(`InfluxDB refused the point: ${cause.message}`, { cause });
    this.name = 'PointRejected';
  }
}

export function createActivityStore(settings: InfluxSettings): ActivityStore {
  const client = new InfluxDB({ url: settings.url, token: settings.token, timeout: settings.timeoutMs });
  return { client, org: settings.org, bucket: settings.bucket };
}

/** InfluxDB 1.8 and 2.x both answer GET /health with {"status":"pass"} when they can serve. */
export async function pingInflux(url: string): Promise<void> {
  const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
  const body = (await response.json()) as { status?: string };
  if (!response.ok || body.status !== 'pass') throw new Error(`InfluxDB health is ${body.status ?? response.status}`);
}

/**
 * Writes one point and resolves only once InfluxDB has stored it. A write API of its own per call,
 * with no retries and no timer, so nothing stays buffered in the client and every failure reaches
 * the caller (a message handler turns it into a redelivery).
 */
export async function writePoint(store: ActivityStore, point: Point): Promise<void> {
  const writer = store.client.getWriteApi(store.org, store.bucket, 'ns', {
    maxRetries: 0,
    flushInterval: 0,
    // Returning a rejection replaces the client's own console logging: the caller logs.
    writeFailed: (error) => Promise.reject(error),
  });
  writer.writePoint(point);
  try {
    await writer.close();
  } catch (error) {
    if (error instanceof HttpError && (error.statusCode === 400 || error.statusCode === 422)) throw new PointRejected(error);
    throw error;
  }
}

/** Runs a Flux query; a store that cannot be reached (or times out) is a 503. */
export function queryRows<Row>(store: ActivityStore, query: ParameterizedQuery): Promise<Row[]> {
  return callStore(INFLUXDB, () => store.client.getQueryApi(store.org).collectRows<Row>(query));
}

/** For the kit's store-outage helper (callStore). */
export const INFLUXDB: DataStore = { name: 'InfluxDB', isOutage: isUnreachable };

/** No answer at all (refused, reset, timed out) or a gateway in front of InfluxDB that has none. */
function isUnreachable(error: unknown): boolean {
  if (error instanceof HttpError) return error.statusCode === 502 || error.statusCode === 503 || error.statusCode === 504;
  return true;
}
