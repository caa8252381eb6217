import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import type { Config } from './config.ts';
import { createRateLimitRedis } from './data-access/rate-limit-store.ts';
import { createPeers } from './data-access/peers.ts';
import { createTokenVerifier } from './domain/auth.ts';
import { cors, securityHeaders } from './routes/middleware.ts';
import { openApiRouter } from './routes/openapi.ts';
import { apiRouter } from './routes/proxy.ts';
import { rateLimits } from './routes/rate-limits.ts';
import { storefrontRouter } from './routes/storefront.ts';
import { swaggerUiRouter } from './routes/swagger-ui.ts';

/** The single public entry: /api/* goes to the services through this app's own sidecar; /docs describes it; / is the storefront. */
export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const peers = createPeers(dapr);
  const redis = createRateLimitRedis(config.RATE_LIMIT_REDIS_URL, config.RATE_LIMIT_REDIS_TIMEOUT_MS, logger);
  const routes = express.Router();
  routes.use(securityHeaders, cors(config.CORS_ORIGIN), rateLimits(redis, config));
  routes.use(openApiRouter(peers, { timeoutMs: config.UPSTREAM_TIMEOUT_MS, cacheMs: config.OPENAPI_CACHE_MS }), swaggerUiRouter());
  routes.use(apiRouter(peers, createTokenVerifier(config.JWT_SECRET, config.JWT_ISSUER), config.UPSTREAM_TIMEOUT_MS));
  routes.use(storefrontRouter(config.STOREFRONT_DIR));
  const app = createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes, bodyLimit: config.BODY_LIMIT });
  app.set('trust proxy', trustProxyOf(config.TRUST_PROXY));
  return { app, closers: [() => redis.close()] };
};

/** TRUST_PROXY as express reads it: a number is a count of hops, anything else names proxies. */
function trustProxyOf(setting: string): number | string | false {
  if (setting === '') return false;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
