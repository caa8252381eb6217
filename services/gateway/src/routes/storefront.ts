import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response } from 'express';

/**
 * What the storefront needs and no more: its own scripts and styles, images from here, data: (the
 * favicon) and product images over https, and fetches of the API on this origin.
 */
export const STOREFRONT_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the storefront never answers, even when nothing else does: they stay the API's 404s. */
const NOT_PAGES = /^\/(api|docs|openapi\.json|healthz|readyz|dapr|events|assets)(\/|$)/;
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};
/** Preferred first: Brotli is about a fifth smaller than gzip on the app's JavaScript. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

/**
 * The storefront built into `directory` (web/dist): its hashed files under /assets/ (kept a year,
 * precompressed twins sent to browsers that accept them), and index.html for every other page path
 * (the app routes in the browser). Without a build, nothing is served and /api and the rest answer as before.
 */
export function storefrontRouter(directory: string): express.Router {
  const router = express.Router();
  if (!directory || !existsSync(path.join(directory, 'index.html'))) return router;
  const assets = path.join(directory, 'assets');
  router.get(/^\/assets\/[\w.-]+$/, (req, res, next) => {
    const file = path.join(assets, path.basename(req.path));
    if (!existsSync(file)) return next();
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    sendEncoded(req, res, file);
  });
  router.get(/.*/, (req, res, next) => {
    if (NOT_PAGES.test(req.path) || path.extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-cache');
    sendEncoded(req, res, path.join(directory, 'index.html'));
  });
  return router;
}

/** The file itself, or its precompressed twin in the best encoding the browser accepts. */
function sendEncoded(req: Request, res: Response, file: string): void {
  const type = TYPES[path.extname(file)];
  if (type) res.setHeader('Content-Type', type);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Security-Policy', STOREFRONT_CONTENT_SECURITY_POLICY);
  const encoding = ENCODINGS.find(
    (candidate) => req.acceptsEncodings(candidate.name) === candidate.name && existsSync(file + candidate.suffix),
  );
  if (encoding) res.setHeader('Content-Encoding', encoding.name);
  res.sendFile(encoding ? file + encoding.suffix : file);
}
