import { AppError } from '@pasar/service-kit';
import type { RequestHandler } from 'express';

/** Headers every answer carries: this is a JSON API, nothing to frame, sniff or refer. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  next();
};

/** CORS for one configured origin; preflight requests are answered here and never forwarded. */
export function cors(allowedOrigin: string): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (allowedOrigin && origin === allowedOrigin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Expose-Headers', 'Location, X-Request-Id, Retry-After');
    }
    if (req.method !== 'OPTIONS') return next();
    if (allowedOrigin && origin === allowedOrigin) {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, PATCH, DELETE');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key, X-Request-Id');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.status(204).end();
  };
}

/**
 * A fixed one-minute window per client address, in memory: enough for one gateway replica. Several
 * replicas would share the count in Redis (or use Dapr's rate-limit middleware).
 */
export function rateLimit(perMinute: number, now: () => number = Date.now): RequestHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return (req, res, next) => {
    const client = req.ip ?? 'unknown';
    const time = now();
    let window = windows.get(client);
    if (!window || time - window.startedAt >= 60_000) {
      if (windows.size > 100_000) windows.clear();
      window = { startedAt: time, count: 0 };
      windows.set(client, window);
    }
    window.count++;
    res.setHeader('RateLimit-Limit', String(perMinute));
    res.setHeader('RateLimit-Remaining', String(Math.max(0, perMinute - window.count)));
    if (window.count <= perMinute) return next();
    const retryAfter = Math.ceil((window.startedAt + 60_000 - time) / 1000);
    res.setHeader('Retry-After', String(retryAfter));
    next(new AppError(429, 'Too Many Requests', { detail: `More than ${perMinute} requests a minute; retry in ${retryAfter} s` }));
  };
}
