import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../src/errors.ts';
import { createServiceApp } from '../src/http-app.ts';
import { startServer, type RunningServer } from '../src/server.ts';
import { parseInput } from '../src/validation.ts';

const logger = pino({ level: 'silent' });
let server: RunningServer;
let base: string;
let dependencyUp = true;

beforeAll(async () => {
  const routes = express.Router();
  routes.post('/items', (req, res) => {
    const Item = z
      .object({ name: z.string().min(1), quantity: z.number().int().positive(), max: z.number().optional() })
      .refine((item) => item.max === undefined || item.quantity <= item.max, { path: ['quantity'], message: 'must not exceed max' });
    const body = parseInput(Item, req.body, 'body');
    res.status(201).json(body);
  });
  routes.get('/items/:id', (req) => {
    throw AppError.notFound(`item ${req.params.id} does not exist`);
  });
  routes.get('/boom', () => {
    throw new Error('secret internal detail');
  });
  routes.get('/passes', (_req, _res, next) => next());
  routes.post(
    '/signed',
    (req, res) => void res.json({ raw: Buffer.isBuffer(req.body), text: Buffer.isBuffer(req.body) ? req.body.toString('utf8') : null }),
  );
  const app = createServiceApp({
    logger,
    readiness: [
      {
        name: 'store',
        check: async () => {
          if (!dependencyUp) throw new Error('connection refused');
        },
      },
    ],
    routes,
    bodyLimit: '1kb',
    rawBodyRoutes: [{ path: '/signed', limit: '100b' }],
  });
  server = await startServer(app, { port: 0, logger });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop());

const post = (path: string, body: string) => fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('problem+json answers', () => {
  it('when the body misses fields, then 400 names each field at fault', async () => {
    const response = await post('/items', JSON.stringify({ quantity: 0 }));

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request', instance: '/items' });
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['name', 'quantity']);
  });

  it('when the body fits its schema but breaks a refinement, then 422 names the field; with a schema fault too, 400', async () => {
    const broken = await post('/items', JSON.stringify({ name: 'kopi', quantity: 5, max: 2 }));
    const both = await post('/items', JSON.stringify({ name: '', quantity: 5, max: 2 }));

    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ errors: [{ field: 'quantity', message: 'must not exceed max' }] });
    expect(both.status).toBe(400);
  });

  it('when the body is not JSON, then 400 says so', async () => {
    const response = await post('/items', '{"name":');

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'body' }] });
  });

  it('when the body is too large, then 413', async () => {
    const response = await post('/items', JSON.stringify({ name: 'x'.repeat(5000), quantity: 1 }));

    expect(response.status).toBe(413);
  });

  it('when an AppError is thrown, then its status and detail', async () => {
    const response = await fetch(`${base}/items/42`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, detail: 'item 42 does not exist' });
  });

  it('when something unexpected is thrown, then 500 without leaking the message', async () => {
    const response = await fetch(`${base}/boom`);

    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain('secret');
  });

  it('when no route matches, then 404 problem', async () => {
    const response = await fetch(`${base}/nowhere`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when the input is valid, then the route answers and echoes the request id', async () => {
    const response = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-123' },
      body: JSON.stringify({ name: 'kopi', quantity: 2 }),
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('req-123');
  });
});

describe('a route that reads its raw body', () => {
  it('when JSON or anything else is posted to it, then it gets the bytes as sent, unparsed', async () => {
    const json = await post('/signed', '{ "a":  1 }');
    const malformed = await fetch(`${base}/signed`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"a":' });

    expect(await json.json()).toEqual({ raw: true, text: '{ "a":  1 }' });
    expect(await malformed.json()).toEqual({ raw: true, text: '{"a":' });
  });

  it('when its body is over its own limit, then 413, while other routes keep the app limit', async () => {
    const tooLarge = await post('/signed', JSON.stringify({ name: 'x'.repeat(200) }));
    const parsedElsewhere = await post('/items', JSON.stringify({ name: 'x'.repeat(200), quantity: 1 }));

    expect(tooLarge.status).toBe(413);
    expect(parsedElsewhere.status).toBe(201);
  });
});

describe('health', () => {
  it('/healthz answers while the process lives', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('/readyz is 200 when dependencies answer and 503 naming the one that does not', async () => {
    dependencyUp = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    dependencyUp = false;
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      detail: 'not ready: store',
      checks: { store: { ok: false, error: 'connection refused' } },
    });
    dependencyUp = true;
  });
});

describe('input the stores must never see', () => {
  it.each([
    ['a NUL character', 'bad\u0000name'],
    ['a control character', 'bad\u0007name'],
    ['an unpaired surrogate', 'bad\ud800name'],
  ])('when a string field holds %s, then 400 names that field', async (_what, name) => {
    const response = await post('/items', JSON.stringify({ name, quantity: 1 }));

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors).toEqual([expect.objectContaining({ field: 'name' })]);
  });

  it('when an object key holds a control character, then 400 names that key', async () => {
    const response = await post('/items', JSON.stringify({ name: 'ok', quantity: 1, 'tag\u0001': 'x' }));

    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('tag\\u0001');
  });

  it('when tabs and line breaks are in a text, then it is accepted', async () => {
    const response = await post('/items', JSON.stringify({ name: 'line one\nline\ttwo\r\n', quantity: 1 }));

    expect(response.status).toBe(201);
  });

  it('when a path parameter is not valid percent-encoded UTF-8, then 400 names the path', async () => {
    const response = await fetch(`${base}/items/%E0%A4%A`);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('path');
  });
});

describe('wrong methods', () => {
  it('when a path exists under other methods, then 405 with Allow naming them', async () => {
    const response = await fetch(`${base}/items`, { method: 'PUT' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('when a GET route is called with DELETE, then Allow names GET and HEAD', async () => {
    const response = await fetch(`${base}/items/42`, { method: 'DELETE' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('when a route of the method passes the request on, then 404, not 405', async () => {
    expect((await fetch(`${base}/passes`)).status).toBe(404);
  });

  it('when no route has the path, then 404', async () => {
    expect((await fetch(`${base}/nowhere`, { method: 'PUT' })).status).toBe(404);
  });
});
