import { InfluxDB } from '@influxdata/influxdb-client';

export function createInflux(url: string, token: string): InfluxDB {
  return new InfluxDB({ url, token, timeout: 5000 });
}

/** InfluxDB 1.8 and 2.x both answer GET /health with {"status":"pass"} when they can serve. */
export async function pingInflux(url: string): Promise<void> {
  const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
  const body = (await response.json()) as { status?: string };
  if (!response.ok || body.status !== 'pass') throw new Error(`InfluxDB health is ${body.status ?? response.status}`);
}
