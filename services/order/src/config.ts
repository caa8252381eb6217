import { CART_TTL_SECONDS } from '@pasar/contracts';
import { BaseConfig, envFlag } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  /** The ordering role: it owns schema ordering of the shared database and can touch nothing else. */
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://ordering:ordering@127.0.0.1:5432/pasar'),
  /** Apply migrations/*.sql at start-up (replicas serialise on an advisory lock). */
  MIGRATE_ON_START: envFlag(true),
  /** An order still waiting for its payment this long is cancelled and its stock released. */
  PAYMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** How often the sweeper looks for timed-out orders and unfinished cancellations. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  /** The outbox relay polls this often even without a NOTIFY. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  /** Outbox publishes in flight at once; messages of different orders need no order among them. */
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** A cart not written for this long is forgotten (the state store's TTL); tests shorten it. */
  CART_TTL_SECONDS: z.coerce.number().int().positive().default(CART_TTL_SECONDS),
});
export type Config = z.infer<typeof Config>;
