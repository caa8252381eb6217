import { isIP } from 'node:net';
import { DevelopmentSecret } from '@pasar/contracts';
import { BaseConfig } from '@pasar/service-kit';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const count = () => z.coerce.number().int().positive();

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const isProxy = (item: string) => PROXY_NAMES.includes(item) || isIP(item.split('/')[0] ?? '') !== 0;
const TrustProxy = z
  .string()
  .default('')
  .refine(
    (value) => value === '' || /^\d+$/.test(value) || value.split(',').every((item) => isProxy(item.trim())),
    'a count of hops, or proxies: addresses, subnets, loopback, linklocal or uniquelocal, comma-separated',
  );

export const Config = BaseConfig.extend({
  /** HS256 secret shared with the customer service, which signs the tokens. */
  JWT_SECRET: z.string().min(32).default(DevelopmentSecret.jwt),
  JWT_ISSUER: z.string().default('pasar'),
  /** The browser origin allowed by CORS (empty: no cross-origin access). */
  CORS_ORIGIN: z.string().default(''),
  /**
   * The gateway's own store: the rate-limit counters every replica shares. A database number of its
   * own (the broker and the state store use 0, the test dataset 1 and 3).
   */
  RATE_LIMIT_REDIS_URL: z.string().startsWith('redis').default('redis://127.0.0.1:6379/2'),
  /** A counter that does not answer within this counts as unreachable (routes/rate-limits.ts says what follows). */
  RATE_LIMIT_REDIS_TIMEOUT_MS: count().default(500),
  /** Requests per client address in any 60 s, every route. */
  RATE_LIMIT_PER_MINUTE: count().default(600),
  /** The window of the log-in and registration limits below. */
  AUTH_WINDOW_SECONDS: count().default(900),
  /** Log-ins and registrations per client address in the window. */
  AUTH_ATTEMPTS_PER_ADDRESS: count().default(50),
  /** Failed log-ins per account (email) in the window; then the account is locked from every address. */
  LOGIN_FAILURES_PER_ACCOUNT: count().default(5),
  /** Registrations tried per email in the window (each duplicate answer tells that the email exists). */
  REGISTRATIONS_PER_EMAIL: count().default(3),
  /**
   * Express's `trust proxy`: which proxies in front may name the client in X-Forwarded-For (e.g.
   * `loopback`, `uniquelocal`, a hop count). Unset: the client is the connection's peer. Behind an
   * ingress set it, or every client shares the ingress's address and so its limits.
   */
  TRUST_PROXY: TrustProxy,
  BODY_LIMIT: z.string().default('100kb'),
  /** An upstream that does not answer within this becomes a 504. */
  UPSTREAM_TIMEOUT_MS: count().default(5000),
  /** How long the assembled /openapi.json is reused before the services are asked again. */
  OPENAPI_CACHE_MS: z.coerce.number().int().nonnegative().default(30_000),
  /** The built storefront (scripts/run/build-storefront.ts), served at /; empty: none. */
  STOREFRONT_DIR: z.string().default(fileURLToPath(new URL('../../../web/dist', import.meta.url))),
});
export type Config = z.infer<typeof Config>;
