import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler } from 'express';

const distDirectory = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ownDirectory = fileURLToPath(new URL('../../public/docs/', import.meta.url));
const FROM_DIST = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);
const OWN = new Set(['index.html', 'initializer.js']);

/**
 * What Swagger UI needs and no more: its scripts, styles and images from here, inline styles (it
 * sets style attributes), data: images (its CSS icons), and fetches of /openapi.json and /api/*.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const docsPolicy: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
  next();
};

/** GET /docs: Swagger UI (from swagger-ui-dist) over /openapi.json; only the files it needs are served. */
export function swaggerUiRouter(): express.Router {
  const router = express.Router();
  router.use('/docs', docsPolicy);
  router.get('/docs', (_req, res) => res.sendFile('index.html', { root: ownDirectory }));
  router.get('/docs/:file', (req, res, next) => {
    const file = req.params.file;
    if (OWN.has(file)) return res.sendFile(file, { root: ownDirectory });
    if (FROM_DIST.has(file)) return res.sendFile(file, { root: distDirectory });
    next();
  });
  return router;
}
