import { DevelopmentSecret } from '@pasar/contracts';
import { BaseConfig, envFlag } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  /** The customer role: it owns schema customer of the shared database and can touch nothing else. */
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://customer:customer@127.0.0.1:5432/pasar'),
  /** Apply pending migrations before serving. Off when a separate job migrates (or a test needs no database). */
  MIGRATE_ON_START: envFlag(true),
  /** HS256 key shared with the gateway, which verifies the tokens this service signs. */
  JWT_SECRET: z.string().min(32).default(DevelopmentSecret.jwt),
  JWT_ISSUER: z.string().min(1).default('pasar'),
  JWT_EXPIRES_IN_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  /** The outbox relay (customer-logged-in) polls this often even without a NOTIFY. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  /**
   * scrypt cost as log2 N (r = 8, p = 1). 17 (128 MiB per hash) is OWASP's recommendation; lower it
   * only for tests. Stored hashes carry their own parameters, so changing it never locks anyone out.
   */
  PASSWORD_SCRYPT_LOG2_N: z.coerce.number().int().min(10).max(20).default(17),
  /**
   * The first admin, applied at each start (an existing account keeps its password and becomes
   * admin). Both or neither; no default: without them, `npm run admin -- create <email>`.
   */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
}).refine((config) => (config.ADMIN_EMAIL === undefined) === (config.ADMIN_PASSWORD === undefined), {
  path: ['ADMIN_PASSWORD'],
  message: 'set ADMIN_EMAIL and ADMIN_PASSWORD together, or neither',
});
export type Config = z.infer<typeof Config>;
