import { DevelopmentSecret } from '@pasar/contracts';
import { BaseConfig } from '@pasar/service-kit';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  /** HS256 secret shared with the customer service, which signs the tokens. */
  JWT_SECRET: z.string().min(32).default(DevelopmentSecret.jwt),
  JWT_ISSUER: z.string().default('pasar'),
  /** The browser origin allowed by CORS (empty: no cross-origin access). */
  CORS_ORIGIN: z.string().default(''),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  BODY_LIMIT: z.string().default('100kb'),
  /** An upstream that does not answer within this becomes a 504. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** How long the assembled /openapi.json is reused before the services are asked again. */
  OPENAPI_CACHE_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** The built storefront (scripts/run/build-storefront.ts), served at /; empty: none. */
  STOREFRONT_DIR: z.string().default(fileURLToPath(new URL('../../../web/dist', import.meta.url))),
});
export type Config = z.infer<typeof Config>;
