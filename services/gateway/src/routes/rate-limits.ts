import { createHash } from 'node:crypto';
import { AppError } from '@pasar/service-kit';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { Config } from '../config.ts';
import { slidingWindowStore, type RateLimitRedis, type SlidingWindow } from '../data-access/rate-limit-store.ts';

export const LOGIN_PATH = '/api/customers/login';
export const REGISTRATION_PATH = '/api/customers';

interface Policy extends SlidingWindow {
  /** Whose count a request adds to; undefined: the policy does not apply to it. */
  keyOf: (req: Request) => string | undefined;
  /** The problem's detail when refused; the same words whoever is refused. */
  refusal: string;
  /** Only the requests whose answer this accepts stay counted (failed log-ins); default: all. */
  counts?: (status: number) => boolean;
  /** Let requests through uncounted while the counters cannot be reached (default: a 503). */
  passesWhenUncounted?: boolean;
}

/**
 * Every limit of the gateway, in the order they apply: per client address on every route, then per
 * client address on log-in and registration, then per account. All are counted in Redis, so every
 * replica shares them. Without the counters the shop stays open (the per-address limit lets requests
 * through), but log-in and registration answer 503: a lockout that lapsed would let guessing through.
 */
export function rateLimits(redis: RateLimitRedis, config: Config): RequestHandler[] {
  const authWindowMs = config.AUTH_WINDOW_SECONDS * 1000;
  const policies: Policy[] = [
    {
      name: 'api',
      limit: config.RATE_LIMIT_PER_MINUTE,
      windowMs: 60_000,
      keyOf: clientAddressOf,
      refusal: `More than ${config.RATE_LIMIT_PER_MINUTE} requests in a minute from this address`,
      passesWhenUncounted: true,
    },
    {
      name: 'auth-address',
      limit: config.AUTH_ATTEMPTS_PER_ADDRESS,
      windowMs: authWindowMs,
      keyOf: (req) => (isLogin(req) || isRegistration(req) ? clientAddressOf(req) : undefined),
      refusal: 'Too many log-ins and registrations from this address',
    },
    {
      name: 'login-account',
      limit: config.LOGIN_FAILURES_PER_ACCOUNT,
      windowMs: authWindowMs,
      keyOf: (req) => (isLogin(req) ? accountOf(req) : undefined),
      refusal: 'Too many failed log-ins for this account: it is locked for a while',
      // A refused log-in (401) counts; so does this limit's own refusal (429), which was never recorded.
      counts: (status) => status === 401 || status === 429,
    },
    {
      name: 'registration-email',
      limit: config.REGISTRATIONS_PER_EMAIL,
      windowMs: authWindowMs,
      keyOf: (req) => (isRegistration(req) ? accountOf(req) : undefined),
      refusal: 'Too many registrations for this email',
    },
  ];
  return policies.map((policy) => limiterOf(redis, policy));
}

function limiterOf(redis: RateLimitRedis, policy: Policy): RequestHandler {
  const { counts } = policy;
  return rateLimit({
    windowMs: policy.windowMs,
    limit: policy.limit,
    store: slidingWindowStore(redis, policy),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    identifier: policy.name,
    passOnStoreError: policy.passesWhenUncounted ?? false,
    skip: (req) => policy.keyOf(req) === undefined,
    keyGenerator: (req) => policy.keyOf(req)!,
    ...(counts && { skipSuccessfulRequests: true, requestWasSuccessful: (_req, res) => !counts(res.statusCode) }),
    handler: (_req, _res, next) => next(new AppError(429, 'Too Many Requests', { detail: policy.refusal })),
  });
}

function isLogin(req: Request): boolean {
  return req.method === 'POST' && req.path === LOGIN_PATH;
}

function isRegistration(req: Request): boolean {
  return req.method === 'POST' && req.path === REGISTRATION_PATH;
}

/** An IPv6 client is counted by its /56, as one household or host usually holds a whole prefix. */
function clientAddressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown');
}

/**
 * The account a log-in or registration names: its email as the customer service matches it
 * (whatever the case), hashed so Redis holds no address. A body without one names no account.
 */
function accountOf(req: Request): string | undefined {
  const email: unknown = (req.body as { email?: unknown } | undefined)?.email;
  if (typeof email !== 'string') return undefined;
  return createHash('sha256').update(email.toLowerCase()).digest('base64url');
}
