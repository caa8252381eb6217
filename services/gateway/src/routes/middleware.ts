import corsMiddleware from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers, tightened for a JSON API: nothing to frame, run or load (the /docs route sets
 * its own policy), no referrer. Its other defaults (HSTS for a year with subdomains, nosniff,
 * same-origin resource and opener policies, ...) stay.
 */
export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * CORS for one configured origin (the cors package); every preflight is answered here and never
 * forwarded, one from another origin without CORS headers, so the browser refuses it.
 */
export function cors(allowedOrigin: string): RequestHandler[] {
  const forAllowedOrigin = corsMiddleware({
    origin: allowedOrigin ? [allowedOrigin] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'],
    exposedHeaders: ['Location', 'X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
  const otherPreflights: RequestHandler = (req, res, next) => (req.method === 'OPTIONS' ? void res.status(204).end() : next());
  return [forAllowedOrigin, otherPreflights];
}
