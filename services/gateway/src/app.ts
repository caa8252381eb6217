import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import type { Config } from './config.ts';
import { createPeers } from './data-access/peers.ts';
import { createTokenVerifier } from './domain/auth.ts';
import { cors, rateLimit, securityHeaders } from './routes/middleware.ts';
import { openApiRouter } from './routes/openapi.ts';
import { apiRouter } from './routes/proxy.ts';
import { swaggerUiRouter } from './routes/swagger-ui.ts';

/** The single public entry: /api/* goes to the services through this app's own sidecar; /docs describes it. */
export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const peers = createPeers(dapr);
  const routes = express.Router();
  routes.use(securityHeaders, cors(config.CORS_ORIGIN), rateLimit(config.RATE_LIMIT_PER_MINUTE));
  routes.use(openApiRouter(peers, { timeoutMs: config.UPSTREAM_TIMEOUT_MS, cacheMs: config.OPENAPI_CACHE_MS }), swaggerUiRouter());
  routes.use(apiRouter(peers, createTokenVerifier(config.JWT_SECRET, config.JWT_ISSUER), config.UPSTREAM_TIMEOUT_MS));
  return {
    app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes, bodyLimit: config.BODY_LIMIT }),
  };
};
