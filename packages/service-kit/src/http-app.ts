import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { AppError } from './errors.ts';
import { checkReadiness, type ReadinessCheck } from './health.ts';
import { metricsRegistry, requestMetrics, startDefaultMetrics } from './metrics.ts';
import { methodNotAllowed } from './method-not-allowed.ts';
import { openApiDocument, type ApiDescription } from './openapi.ts';
import { runWithContext } from './request-context.ts';
import { deliver, subscriptionManifest, type Subscription } from './subscriptions.ts';

export interface ServiceAppOptions {
  logger: Logger;
  /** Dependencies /readyz checks: the app's own stores and its sidecar. */
  readiness: ReadinessCheck[];
  /** Registered before the app listens: daprd reads /dapr/subscribe once, when the port opens. */
  subscriptions?: Subscription<any>[];
  /** The app's own routes. */
  routes?: Router;
  /** When given, GET /openapi.json answers the OpenAPI document of these operations. */
  api?: ApiDescription;
  bodyLimit?: string;
  /** Routes that read their body as the bytes sent (req.body a Buffer), such as a webhook whose signature covers them. */
  rawBodyRoutes?: RawBodyRoute[];
}

export interface RawBodyRoute {
  /** The route's path; its body is not parsed, whatever its content type. */
  path: string;
  /** Default: the app's bodyLimit. */
  limit?: string;
}

const PROBLEM_JSON = 'application/problem+json';

/** An express app with everything a Pasar service shares; the service adds its routes. */
export function createServiceApp(options: ServiceAppOptions): Express {
  const { logger, readiness, subscriptions = [], routes, api, bodyLimit = '256kb', rawBodyRoutes = [] } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  startDefaultMetrics();
  app.use(requestMetrics());
  app.use(requestContext(logger));
  // Read first, a raw body is left alone by the JSON parser.
  for (const { path, limit = bodyLimit } of rawBodyRoutes) app.use(path, express.raw({ type: () => true, limit }));
  app.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', async (_req, res) => void res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics()));
  app.get('/readyz', async (_req, res) => {
    const report = await checkReadiness(readiness);
    if (report.ready) return void res.json({ status: 'ready', checks: report.checks });
    res
      .status(503)
      .type(PROBLEM_JSON)
      .json({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        detail: `not ready: ${Object.entries(report.checks)
          .filter(([, c]) => !c.ok)
          .map(([n]) => n)
          .join(', ')}`,
        checks: report.checks,
      });
  });

  app.get('/dapr/subscribe', (_req, res) => void res.json(subscriptionManifest(subscriptions)));
  for (const subscription of subscriptions) {
    app.post(subscription.route, async (req, res) => {
      const status = await deliver(subscription, req.body, req.log ?? logger);
      res.json({ status });
    });
  }

  if (api) {
    const document = openApiDocument(api);
    app.get('/openapi.json', (_req, res) => void res.json(document));
  }
  if (routes) app.use(routes);
  app.use(methodNotAllowed(app));
  app.use((req, _res, next) => next(AppError.notFound(`No route for ${req.method} ${req.path}`)));
  app.use(problemHandler(logger));
  return app;
}

function requestContext(logger: Logger): RequestHandler {
  const httpLogger = pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && given.length <= 128 ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug'),
  });
  return (req, res, next) => {
    httpLogger(req, res);
    const traceparent = req.headers.traceparent;
    runWithContext({ requestId: String(req.id), ...(typeof traceparent === 'string' && { traceparent }) }, next);
  };
}

/** The one error handler: AppError -> its problem; body-parser errors -> 400/413; anything else -> 500. */
function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) (req.log ?? logger).error({ err: error }, appError.message);
    if (res.headersSent) return void res.end();
    res.status(appError.status).type(PROBLEM_JSON).json(appError.toProblem(req.originalUrl));
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const bodyError = error as { type?: string; status?: number; limit?: number };
  if (bodyError.type === 'entity.parse.failed') {
    return AppError.badRequest('The request body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
  }
  if (error instanceof URIError || (error as Error).message?.startsWith('Failed to decode param')) {
    return AppError.badRequest('The path is not valid percent-encoded UTF-8', [{ field: 'path', message: (error as Error).message }]);
  }
  if (bodyError.type === 'entity.too.large') {
    return new AppError(413, 'Content Too Large', { detail: `The request body is larger than ${bodyError.limit} bytes` });
  }
  if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
    return new AppError(bodyError.status, 'Bad Request', { detail: (error as Error).message });
  }
  return new AppError(500, 'Internal Server Error', { detail: 'An unexpected error occurred', cause: error });
}
