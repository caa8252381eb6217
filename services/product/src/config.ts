import { BaseConfig } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  MONGODB_URL: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017'),
  MONGODB_DATABASE: z.string().min(1).default('product'),
  /** How often the outbox relay looks at products changed since its last pass (it is also nudged at once). */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(2000),
  /** How often it looks at every product for events not yet published (left by a crash or another instance). */
  OUTBOX_SCAN_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
  /** Upper bound of the relay's backoff while publishing fails (it starts at OUTBOX_POLL_INTERVAL_MS). */
  OUTBOX_MAX_BACKOFF_MS: z.coerce.number().int().positive().default(30_000),
  /** How long a reservation in progress is owned by the request working on it before another may resume it. */
  RESERVATION_LEASE_MS: z.coerce.number().int().positive().default(15_000),
  /** How long category definitions are cached before they are read again. */
  CATEGORY_CACHE_MS: z.coerce.number().int().nonnegative().default(10_000),
});
export type Config = z.infer<typeof Config>;
