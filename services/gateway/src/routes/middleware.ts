import corsMiddleware from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Nothing to load, run or frame: this is a JSON API (the /docs route sets its own policy). */
const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * helmet's headers (HSTS for a year with subdomains, nosniff, same-origin resource and opener
 * policies, ...), with frames denied and no referrer. The Content-Security-Policy is one constant
 * string, as /docs sets its own.
 */
export const securityHeaders: RequestHandler[] = [
  helmet({ contentSecurityPolicy: false, xFrameOptions: { action: 'deny' }, referrerPolicy: { policy: 'no-referrer' } }),
  (_req, res, next) => {
    res.setHeader('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
    next();
  },
];

/**
 * CORS for one configured origin (the cors package); every preflight is answered here and never
 * forwarded, one from another origin without CORS headers, so the browser refuses it.
 */
export function cors(allowedOrigin: string): RequestHandler[] {
  const forAllowedOrigin = corsMiddleware({
    origin: allowedOrigin ? [allowedOrigin] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // The cart's ETag and If-Match, and an order's Idempotency-Key, for a storefront on another origin.
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Request-Id'],
    exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
  const otherPreflights: RequestHandler = (req, res, next) => (req.method === 'OPTIONS' ? void res.status(204).end() : next());
  return [forAllowedOrigin, otherPreflights];
}
