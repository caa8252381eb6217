import { createServiceApp, sidecarCheck, type ServiceDeps } from '@pasar/service-kit';
import express from 'express';

export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * A peer app that answers whatever the gateway forwards with what it saw, standing in for a real
 * service under its app id. A few paths misbehave on purpose.
 */
export function echoService(seen: SeenRequest[]) {
  return ({ logger, dapr }: ServiceDeps) => {
    const routes = express.Router();
    routes.get('/products/broken', (_req, res) => void res.status(500).type('text/plain').send('stack trace nobody should see'));
    routes.get('/products/slow', async (_req, res) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      res.json({ late: true });
    });
    routes.get(
      '/products/missing',
      (_req, res) =>
        void res.status(404).type('application/problem+json').json({ title: 'Not Found', status: 404, detail: 'no such product' }),
    );
    routes.all(/.*/, (req, res) => {
      const entry = {
        method: req.method,
        path: req.path,
        query: req.originalUrl.split('?')[1] ?? '',
        body: req.body,
        headers: req.headers,
      };
      seen.push(entry);
      res
        .status(req.method === 'POST' ? 201 : 200)
        .setHeader('Location', '/somewhere')
        .json(entry);
    });
    return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
  };
}
