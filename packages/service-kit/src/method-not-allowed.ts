import type { Express, RequestHandler } from 'express';
import { AppError } from './errors.ts';

/** The parts of express's router layers this reads (the router itself reads them the same way to answer OPTIONS). */
interface RouterLayer {
  path?: string;
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  match(path: string): boolean;
}

/**
 * For a request no route took: 405 with `Allow` when the path exists under other methods, so a client
 * learns it used the wrong method rather than a wrong address. Otherwise the request goes on (to a 404).
 */
export function methodNotAllowed(app: Express): RequestHandler {
  return (req, res, next) => {
    const allowed = allowedMethods((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, req.path);
    // A route of this method that passed the request on (next()) means "not found", not "wrong method".
    if (allowed.length === 0 || allowed.includes(req.method)) return next();
    res.setHeader('Allow', allowed.join(', '));
    next(
      new AppError(405, 'Method Not Allowed', { detail: `${req.method} is not allowed on ${req.path}; allowed: ${allowed.join(', ')}` }),
    );
  };
}

function allowedMethods(stack: RouterLayer[], path: string): string[] {
  const methods = new Set<string>();
  for (const layer of stack) {
    if (layer.route && layer.match(path)) {
      for (const method of Object.keys(layer.route.methods).filter((m) => m !== '_all')) methods.add(method.toUpperCase());
    } else if (!layer.route && layer.handle?.stack && layer.match(path)) {
      const mountedAt = layer.path ?? '';
      for (const method of allowedMethods(layer.handle.stack, path.slice(mountedAt.length) || '/')) methods.add(method);
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
