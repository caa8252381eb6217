import { randomUUID } from 'node:crypto';
import { AppId, CUSTOMER_ID_HEADER } from '@pasar/contracts';
import {
  aLoopbackClientAddress,
  fetchFrom,
  isolatedNameResolution,
  stackValue,
  startAppWithSidecar,
  type AppUnderTest,
} from '@pasar/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';
import { startGateway } from '../support/gateway-app.ts';
import { echoService, type SeenRequest } from '../support/echo-service.ts';

const secret = 'a-test-secret-that-is-at-least-32-characters-long';
const config = Config.parse({
  APP_PORT: '0',
  JWT_SECRET: secret,
  CORS_ORIGIN: 'https://shop.example',
  UPSTREAM_TIMEOUT_MS: '3000',
  BODY_LIMIT: '2kb',
  RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'),
});
const customerId = randomUUID();
const seen: SeenRequest[] = [];
const apps: AppUnderTest[] = [];
let gateway: string;

const tokenFor = (subject: string, options: { secret?: string; expiresIn?: string } = {}) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer('pasar')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(options.secret ?? secret));

beforeAll(async () => {
  const nameResolutionDb = isolatedNameResolution();
  for (const appId of [AppId.product, AppId.customer, AppId.order, AppId.activity]) {
    apps.push(await startAppWithSidecar({ appId, broker: 'redis', nameResolutionDb, build: echoService(seen) }));
  }
  const app = await startGateway(config, nameResolutionDb);
  apps.push(app);
  gateway = app.appUrl;
});
afterAll(() => Promise.all(apps.map((a) => a.stop())));

const lastSeen = () => seen.at(-1)!;

describe('the gateway forwards public routes faithfully through its sidecar', () => {
  it('when a product is read, then the product service gets the path and query, a trace header, and no forged customer id', async () => {
    const response = await fetch(`${gateway}/api/products/abc?category=food&limit=5`, {
      headers: { [CUSTOMER_ID_HEADER]: randomUUID(), cookie: 'a=b' },
    });

    expect(response.status).toBe(200);
    expect(lastSeen()).toMatchObject({ method: 'GET', path: '/products/abc', query: 'category=food&limit=5' });
    expect(lastSeen().headers.traceparent).toMatch(/^00-/);
    expect(lastSeen().headers[CUSTOMER_ID_HEADER]).toBeUndefined();
    expect(lastSeen().headers.cookie).toBeUndefined();
  });

  it('when a public route is called with a valid token, then the service still learns who asks; a bad token is ignored there', async () => {
    await fetch(`${gateway}/api/products/abc`, { headers: { authorization: `Bearer ${await tokenFor(customerId)}` } });
    expect(lastSeen().headers[CUSTOMER_ID_HEADER]).toBe(customerId);

    const anonymous = await fetch(`${gateway}/api/products/abc`, { headers: { authorization: 'Bearer expired.or.forged' } });
    expect(anonymous.status).toBe(200);
    expect(lastSeen().headers[CUSTOMER_ID_HEADER]).toBeUndefined();
  });

  it('when someone logs in, then the body reaches the customer service and its status and Location come back', async () => {
    // From an address of its own: a login counts against the client's limit, which other tests share.
    const response = await fetchFrom(aLoopbackClientAddress(), `${gateway}/api/customers/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'siti@example.test', password: 'rahasia-sekali' }),
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/somewhere');
    expect(lastSeen()).toMatchObject({ method: 'POST', path: '/customers/login', body: { email: 'siti@example.test' } });
  });

  it("when a POST comes without an Idempotency-Key, then the service gets one the gateway made; the client's own is kept", async () => {
    const token = await tokenFor(customerId);
    const post = (headers: Record<string, string>) =>
      fetch(`${gateway}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        body: '{}',
      });

    await post({});
    const made = lastSeen().headers['idempotency-key'];
    await post({ 'idempotency-key': 'client-key-1' });
    const kept = lastSeen().headers['idempotency-key'];

    expect(made).toMatch(/^[0-9a-f-]{36}$/);
    expect(kept).toBe('client-key-1');
  });

  it('answers with security headers and CORS for the configured origin only', async () => {
    const allowed = await fetch(`${gateway}/api/products`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    const other = await fetch(`${gateway}/api/products`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });

    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(allowed.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('when a page on the configured origin changes the cart or places an order, then the preflights allow If-Match and Idempotency-Key and the cart answer exposes its ETag', async () => {
    const origin = 'https://shop.example';
    const preflight = (path: string, method: string, headers: string) =>
      fetch(`${gateway}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
      });
    const cartChange = await preflight(`/api/cart/items/${randomUUID()}`, 'PATCH', 'authorization,content-type,if-match');
    const order = await preflight('/api/orders', 'POST', 'authorization,content-type,idempotency-key');
    const cartRead = await fetch(`${gateway}/api/cart`, { headers: { origin, authorization: `Bearer ${await tokenFor(customerId)}` } });

    const listed = (response: Response, header: string) => (response.headers.get(header) ?? '').toLowerCase().split(/\s*,\s*/);
    expect([cartChange.status, order.status, cartRead.status]).toEqual([204, 204, 200]);
    expect(listed(cartChange, 'access-control-allow-methods')).toContain('patch');
    expect(listed(cartChange, 'access-control-allow-headers')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'if-match']),
    );
    expect(listed(order, 'access-control-allow-headers')).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'idempotency-key']),
    );
    expect(cartRead.headers.get('access-control-allow-origin')).toBe(origin);
    expect(listed(cartRead, 'access-control-expose-headers')).toContain('etag');
  });
});

describe('protected routes need a valid customer token', () => {
  it.each([
    ['no token', async () => undefined],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    ['an expired token', async () => `Bearer ${await tokenFor(customerId, { expiresIn: '-1m' })}`],
    [
      'a token signed with another key',
      async () => `Bearer ${await tokenFor(customerId, { secret: 'another-secret-that-is-also-32-chars-long!!' })}`,
    ],
  ])('when the request has %s, then 401 problem and nothing is forwarded', async (_case, authorization) => {
    const before = seen.length;
    const header = await authorization();

    const response = await fetch(`${gateway}/api/orders`, { headers: header ? { authorization: header } : {} });

    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(seen.length).toBe(before);
  });

  it('when the token is valid, then the order service gets the customer id from it, not the token itself', async () => {
    const response = await fetch(`${gateway}/api/orders?page=2`, { headers: { authorization: `Bearer ${await tokenFor(customerId)}` } });

    expect(response.status).toBe(200);
    expect(lastSeen()).toMatchObject({ path: '/orders', query: 'page=2' });
    expect(lastSeen().headers[CUSTOMER_ID_HEADER]).toBe(customerId);
    expect(lastSeen().headers.authorization).toBeUndefined();
  });

  it('when a customer reads their activity, then it is their own timeline, whatever they ask', async () => {
    const response = await fetch(`${gateway}/api/activity/me/timeline?kinds=search`, {
      headers: { authorization: `Bearer ${await tokenFor(customerId)}` },
    });

    expect(response.status).toBe(200);
    expect(lastSeen()).toMatchObject({ path: `/activity/customers/${customerId}/timeline`, query: 'kinds=search' });
  });
});

describe('what the gateway refuses or turns into problems', () => {
  it.each([
    ['/api/products/../internal/products/batch', 404],
    ['/api/products/%2e%2e/internal/stock/reservations', 404],
    ['/api/nowhere', 404],
    ['/internal/products/batch', 404],
    ['/api/catalog/reindex', 404],
  ])('when %s is asked for, then %i and nothing is forwarded', async (path, status) => {
    const before = seen.length;

    const response = await fetch(`${gateway}${path}`);

    expect(response.status).toBe(status);
    expect(seen.length).toBe(before);
  });

  it('when a method is not exposed (product administration), then 405 with Allow', async () => {
    const response = await fetch(`${gateway}/api/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('when the body is malformed or too large, then 400 or 413 problem', async () => {
    const post = (body: string) =>
      fetch(`${gateway}/api/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    expect((await post('{"email":')).status).toBe(400);
    expect((await post(JSON.stringify({ name: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it("when the service answers a problem, then it passes through as the service's problem", async () => {
    const response = await fetch(`${gateway}/api/products/missing`);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ detail: 'no such product' });
  });

  it('when the service fails without a problem, then 502 problem and its body is not shown', async () => {
    const response = await fetch(`${gateway}/api/products/broken`);

    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain('stack trace');
  });

  it('when the service is not running at all, then 503 problem quickly', async () => {
    const started = Date.now();

    const response = await fetch(`${gateway}/api/catalog/search?q=kopi`);

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('when the service is too slow, then 504 problem at the deadline', async () => {
    const response = await fetch(`${gateway}/api/products/slow`);

    expect(response.status).toBe(504);
  });
});

describe('paths no service should be sent', () => {
  it.each([
    ['a NUL byte', '/api/products/ab%00cd'],
    ['a control character', '/api/products/ab%01cd'],
    [
      'a tab or a line break (fine in text, never in a resource name; the sidecar could not forward it)',
      '/api/customers/me/addresses/%21%09x%0A',
    ],
    ['bytes that are not UTF-8', '/api/products/ab%FFcd'],
    ["a '%' (the sidecar could not forward it)", '/api/customers/me/addresses/ab%25cd'],
    ['a C1 control character (the sidecar could not forward it)', '/api/customers/me/addresses/ab%C2%84cd'],
    ["an encoded '#' (the sidecar refuses it in a method)", '/api/customers/me/addresses/%C3%B5%23'],
    ["an encoded '?' (the sidecar refuses it in a method)", '/api/customers/me/addresses/ab%3Fcd'],
  ])('when a path parameter holds %s, then 400 names the path and nothing is forwarded', async (_what, path) => {
    const before = seen.length;

    const response = await fetch(gateway + path);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe('path');
    expect(seen.length).toBe(before);
  });
});
