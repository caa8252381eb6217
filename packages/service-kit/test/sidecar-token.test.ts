import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceApp } from '../src/http-app.ts';
import { startServer, type RunningServer } from '../src/server.ts';

const TOKEN = 'the-sidecars-token';
const logger = pino({ level: 'silent' });
let running: RunningServer;
let base: string;
let calls = 0;

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/things', (_req, res) => {
    calls += 1;
    res.status(201).json({ made: true });
  });
  running = await startServer(createServiceApp({ logger, readiness: [], routes }), { port: 0, logger, appApiToken: TOKEN });
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(() => running.stop());

describe('an app that takes calls only from its own sidecar', () => {
  it('when a call carries the token, then the route answers', async () => {
    const response = await fetch(`${base}/things`, { method: 'POST', headers: { 'dapr-api-token': TOKEN } });
    expect(response.status).toBe(201);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { 'dapr-api-token': 'guessed' }],
    ['a token one character longer', { 'dapr-api-token': `${TOKEN}x` }],
  ])('when a call carries %s, then it is a 401 problem and the route never runs', async (_name, headers: Record<string, string>) => {
    const before = calls;
    const response = await fetch(`${base}/things`, { method: 'POST', headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('dapr-api-token');
    expect(calls).toBe(before);
  });

  it('when a probe asks /healthz or /readyz, or Prometheus /metrics, without the token, then it is answered', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz?verbose`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('when /metrics is written to without the token, then it is refused (only reads are open)', async () => {
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(401);
  });

  it('when /dapr/subscribe is asked without the token, then it is refused (only daprd reads it)', async () => {
    expect((await fetch(`${base}/dapr/subscribe`)).status).toBe(401);
  });
});
