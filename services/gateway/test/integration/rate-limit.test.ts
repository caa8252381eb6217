import { createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { aLoopbackClientAddress, eventually, fetchFrom, stackValue } from '@pasar/testing';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Config } from '../../src/config.ts';
import { createRateLimitRedis, type RateLimitRedis } from '../../src/data-access/rate-limit-store.ts';
import { LOGIN_PATH, rateLimits } from '../../src/routes/rate-limits.ts';

/** The gateway's limits in front of a route that always answers, counted in the stack's Redis. */
const logger = createLogger('gateway-rate-limit-test', 'silent');
const servers: RunningServer[] = [];
const clients: RateLimitRedis[] = [];

async function limitedApp(env: Record<string, string>, redisUrl = stackValue('RATE_LIMIT_REDIS_URL')): Promise<string> {
  const config = Config.parse({ APP_PORT: '0', RATE_LIMIT_REDIS_URL: redisUrl, ...env });
  const redis = createRateLimitRedis(config.RATE_LIMIT_REDIS_URL, config.RATE_LIMIT_REDIS_TIMEOUT_MS, logger);
  clients.push(redis);
  const routes = express.Router();
  routes.use(rateLimits(redis, config));
  routes.get('/anything', (_req, res) => void res.json({ ok: true }));
  routes.post(LOGIN_PATH, (_req, res) => void res.json({ token: 'a token' }));
  const server = await startServer(createServiceApp({ logger, readiness: [], routes }), { port: 0, logger });
  servers.push(server);
  return `http://127.0.0.1:${server.port}/anything`;
}

let url: string;
beforeAll(async () => {
  url = await limitedApp({ RATE_LIMIT_PER_MINUTE: '3' });
  await eventually(() => clients[0]!.ping());
});
afterEach(() => void vi.useRealTimers());
afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
});

/** The clock of this process (the gateway's), frozen where the test puts it; Redis keeps real time. */
function clockAt(startedAt: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  return (offsetMs: number) => vi.setSystemTime(startedAt + offsetMs);
}

describe('rate limit per client', () => {
  it('when a client exceeds its budget, then 429 with Retry-After, other clients unaffected, and the budget comes back next minute', async () => {
    const [client, other] = [aLoopbackClientAddress(), aLoopbackClientAddress()];
    const at = clockAt(Date.now());

    at(0);
    for (let i = 0; i < 3; i++) expect((await fetchFrom(client, url)).status).toBe(200);
    at(45_000);
    const refused = await fetchFrom(client, url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('15');
    expect((await fetchFrom(other, url)).status).toBe(200);

    at(60_000);
    expect((await fetchFrom(client, url)).status).toBe(200);
  });

  it('when the window slides past the oldest request, then only its place comes back, not a whole new budget', async () => {
    const client = aLoopbackClientAddress();
    const at = clockAt(Date.now());

    at(0);
    expect((await fetchFrom(client, url)).status).toBe(200);
    at(30_000);
    expect((await fetchFrom(client, url)).status).toBe(200);
    expect((await fetchFrom(client, url)).status).toBe(200);
    at(61_000);

    expect((await fetchFrom(client, url)).status).toBe(200);
    const refused = await fetchFrom(client, url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('29');
  });

  it('answers the standard RateLimit and RateLimit-Policy headers, naming the policy', async () => {
    const answer = await fetchFrom(aLoopbackClientAddress(), url);

    expect(answer.headers.get('ratelimit')).toMatch(/^"api"; r=2; t=60$/);
    expect(answer.headers.get('ratelimit-policy')).toMatch(/^"api"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
  });

  it('when the counters cannot be reached, then browsing passes uncounted, and a log-in is a 503 problem (no lockout lapses)', async () => {
    const unreachable = await limitedApp({}, 'redis://127.0.0.1:1/3');
    const client = aLoopbackClientAddress();

    const browsing = await fetchFrom(client, unreachable);
    const login = await fetchFrom(client, new URL(LOGIN_PATH, unreachable).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'siti@example.com', password: 'wrong' }),
    });

    expect(browsing.status).toBe(200);
    expect(login.status).toBe(503);
    expect(login.headers.get('content-type')).toContain('application/problem+json');
  });
});
