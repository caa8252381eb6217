import { CUSTOMER_ID_HEADER, STAFF_ROLE_HEADER } from '@pasar/contracts';
import { createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import { createTokenVerifier } from '../../src/domain/auth.ts';
import { routeSamples, type Access } from '../../src/domain/route-table.ts';
import { apiRouter } from '../../src/routes/proxy.ts';

/**
 * Every route of the gateway's table × {anonymous, customer A, customer B, staff, admin}, generated
 * from the table: a rule added without a row here fails. The services behind are a recorder (the
 * gateway's Peers), so each case shows whether the call went on, and as whom.
 */
const SECRET = 'the-matrix-secret-0123456789abcdef0123';
const ISSUER = 'pasar';
const ids = {
  customerA: '5f0c3a9e-8c7b-4f21-9d53-1a2b3c4d5e6f',
  customerB: '6a1d4b0f-9d8c-4a32-8e64-2b3c4d5e6f70',
  staff: '7b2e5c1a-ae9d-4b43-9f75-3c4d5e6f7081',
  admin: '8c3f6d2b-bfae-4c54-a086-4d5e6f708192',
};

/** The access each rule of the table is meant to have, by its prefix. */
const intended: Record<string, (method: string, rest: string) => Access> = {
  '/api/catalog': () => 'public',
  '/api/categories': () => 'public',
  '/api/products': () => 'public',
  '/api/customers': (method, rest) => (method === 'POST' && rest === '' ? 'public' : 'customer'),
  '/api/orders': () => 'customer',
  '/api/cart': () => 'customer',
  '/api/activity/me': () => 'customer',
  '/api/admin/products': () => 'staff',
  '/api/admin/orders': () => 'staff',
  '/api/admin/catalog': () => 'admin',
  '/api/admin/activity/stats': () => 'admin',
  '/api/admin/audit/products': () => 'admin',
  '/api/admin/audit/orders': () => 'admin',
  '/api/admin/audit/catalog': () => 'admin',
};

const sign = (claims: Record<string, unknown>, subject: string, secret = SECRET, expiresIn = '5m') =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));

type Identity = 'anonymous' | 'customerA' | 'customerB' | 'staff' | 'admin';
const tokens = {} as Record<Identity, string | undefined>;
const forwarded: Array<{ appId: string; method: string; path: string; headers: Record<string, string> }> = [];
let running: RunningServer;
let base: string;

beforeAll(async () => {
  tokens.anonymous = undefined;
  tokens.customerA = await sign({}, ids.customerA);
  tokens.customerB = await sign({}, ids.customerB);
  tokens.staff = await sign({ role: 'staff' }, ids.staff);
  tokens.admin = await sign({ role: 'admin' }, ids.admin);
  const peers: Peers = {
    forward: async (appId, method, path, request) => {
      forwarded.push({ appId, method, path, headers: request.headers ?? {} });
      return new Response(method === 'HEAD' ? null : '{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
    openApiDocumentOf: async () => new Response('{}'),
  };
  const logger = createLogger('gateway', 'silent');
  const app = createServiceApp({ logger, readiness: [], routes: apiRouter(peers, createTokenVerifier(SECRET, ISSUER), 1000) });
  running = await startServer(app, { port: 0, logger });
  base = `http://127.0.0.1:${running.port}`;
});
afterAll(() => running.stop());

async function send(method: string, path: string, token: string | undefined) {
  const before = forwarded.length;
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(method !== 'GET' && method !== 'HEAD' && { 'content-type': 'application/json' }),
    },
    ...(method !== 'GET' && method !== 'HEAD' && { body: '{}' }),
  });
  await response.arrayBuffer();
  return { status: response.status, upstream: forwarded.slice(before)[0] };
}

/** What each identity gets on a route of each access level: the status, and whether it went on. */
const outcome: Record<Access, Record<Identity, number>> = {
  public: { anonymous: 200, customerA: 200, customerB: 200, staff: 200, admin: 200 },
  customer: { anonymous: 401, customerA: 200, customerB: 200, staff: 200, admin: 200 },
  staff: { anonymous: 401, customerA: 403, customerB: 403, staff: 200, admin: 200 },
  admin: { anonymous: 401, customerA: 403, customerB: 403, staff: 403, admin: 200 },
};

describe('the authorization matrix', () => {
  it.each(routeSamples().map((r) => [r.method, r.path, r.prefix, r.access] as const))(
    'when %s %s is in the route table, then the matrix has a rule for it, and it agrees',
    (method, path, prefix, access) => {
      expect(intended[prefix], `no rule in the matrix for ${prefix}`).toBeDefined();
      expect(access).toBe(intended[prefix]!(method, path.slice(prefix.length)));
    },
  );

  const cases = routeSamples().flatMap((route) =>
    (Object.keys(outcome.public) as Identity[]).map((who) => [route.method, route.path, who, route.access] as const),
  );
  it.each(cases)(
    'when %s %s is called by %s, then it answers as its access says and goes on only when allowed',
    async (method, path, who, access) => {
      const { status, upstream } = await send(method, path, tokens[who]);
      expect(status).toBe(outcome[access][who]);
      if (status !== 200) return void expect(upstream).toBeUndefined();
      const identified = access !== 'public' || who !== 'anonymous';
      expect(upstream?.headers[CUSTOMER_ID_HEADER]).toBe(identified ? ids[who as Exclude<Identity, 'anonymous'>] : undefined);
      expect(upstream?.headers[STAFF_ROLE_HEADER]).toBe(who === 'staff' || who === 'admin' ? who : undefined);
    },
  );

  it("when customer B asks for a route of the caller's own data, then it goes on for B alone, never A", async () => {
    const { upstream } = await send('GET', '/api/activity/me/timeline', tokens.customerB);
    expect(upstream?.path).toBe(`/activity/customers/${ids.customerB}/timeline`);
    expect(upstream?.headers[CUSTOMER_ID_HEADER]).toBe(ids.customerB);
  });
});

describe('tokens the gateway refuses', () => {
  const customerToken = () => tokens.customerA!;
  const encode = (value: object) => base64url.encode(JSON.stringify(value));

  it.each([
    ['forged (signature changed)', async () => `${customerToken().slice(0, -4)}AAAA`],
    ['expired', () => sign({}, ids.customerA, SECRET, '-1m')],
    ['signed with another secret', () => sign({ role: 'admin' }, ids.admin, 'another-secret-0123456789abcdef012345')],
    [
      'unsigned (alg none)',
      async () => `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: ids.admin, iss: ISSUER, role: 'admin', exp: 9_999_999_999 })}.`,
    ],
    [
      'a customer token with a role added by hand',
      async () => {
        const [head, body, signature] = customerToken().split('.');
        const claims = JSON.parse(new TextDecoder().decode(base64url.decode(body!)));
        return `${head}.${encode({ ...claims, role: 'admin' })}.${signature}`;
      },
    ],
    ['signed, with a role that does not exist', () => sign({ role: 'owner' }, ids.admin)],
    [
      'from another issuer',
      () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('elsewhere')
          .setSubject(ids.admin)
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(SECRET)),
    ],
  ])('when a token is %s, then a customer route and an admin route are 401 and nothing goes on', async (_what, make) => {
    const token = await make();
    for (const [method, path] of [
      ['GET', '/api/customers/me'],
      ['POST', '/api/admin/catalog/reindex'],
    ]) {
      const { status, upstream } = await send(method!, path!, token);
      expect(status, path).toBe(401);
      expect(upstream).toBeUndefined();
    }
  });
});
