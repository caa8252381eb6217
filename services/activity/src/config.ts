import { BaseConfig } from '@pasar/service-kit';
import { z } from 'zod';

/**
 * The same settings reach InfluxDB 1.8 (native stack: bucket "db/rp", token "user:pass" or empty,
 * org "-") and InfluxDB 2.x (compose: a real org, bucket and token).
 */
export const Config = BaseConfig.extend({
  INFLUXDB_URL: z.url().default('http://127.0.0.1:8086'),
  INFLUXDB_TOKEN: z.string().default(''),
  INFLUXDB_ORG: z.string().default('-'),
  INFLUXDB_BUCKET: z.string().min(1).default('pasar/autogen'),
  /** Upper bound for one write or query: a store that hangs becomes a 503 (or a redelivery) quickly. */
  INFLUXDB_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
});
export type Config = z.infer<typeof Config>;
