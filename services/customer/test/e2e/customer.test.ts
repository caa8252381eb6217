import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { AppId, CUSTOMER_ID_HEADER, getCustomer, Topic, type CustomerLoggedInV1 } from '@pasar/contracts';
import { createLogger, DaprClient, RpcError, startServer, subscribe, type RunningServer } from '@pasar/service-kit';
import {
  eventually,
  freePort,
  isolatedNameResolution,
  startAppWithSidecar,
  startSubscriberApp,
  type AppUnderTest,
  createScratchSchema,
  type ScratchSchema,
} from '@pasar/testing';
import { jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';

/**
 * The customer app in-process under its real app id beside a real daprd, on a schema of its own,
 * called the way other apps call it: through a second app's sidecar.
 */
const run = randomUUID().slice(0, 8);
const secret = 'an-e2e-secret-for-the-customer-service-tests';
const nameResolutionDb = isolatedNameResolution();
const DEAD_DATABASE_URL = 'postgres://x:y@127.0.0.1:1/pasar';
/** Cheaper than production's 2^17 so the suite stays quick; the format and code path are the same. */
const configOf = (env: Record<string, string>) => Config.parse({ APP_PORT: '0', JWT_SECRET: secret, PASSWORD_SCRYPT_LOG2_N: '14', ...env });

let scratch: ScratchSchema;
let customer: AppUnderTest;
let caller: AppUnderTest;
const loginsSeen: CustomerLoggedInV1[] = [];

beforeAll(async () => {
  scratch = await createScratchSchema('customer_e2e');
  const config = configOf({ DATABASE_URL: scratch.url });
  customer = await startAppWithSidecar({
    appId: AppId.customer,
    broker: 'redis',
    nameResolutionDb,
    build: (deps) => buildService(config, deps),
  });
  caller = await startSubscriberApp({
    appId: `customer-e2e-${run}`,
    broker: 'redis',
    nameResolutionDb,
    subscriptions: [subscribe(Topic.customerLoggedIn, async (m) => void loginsSeen.push(m))],
  });
  await eventually(async () => {
    const metadata = (await (await fetch(`${caller.sidecar.url}/v1.0/metadata`)).json()) as { subscriptions?: unknown[] };
    expect(metadata.subscriptions?.length ?? 0).toBeGreaterThanOrEqual(1);
  });
});

afterAll(async () => {
  await caller?.stop();
  await customer?.stop();
  await scratch?.drop();
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${nameResolutionDb}${suffix}`, { force: true })));
});

interface Answer {
  status: number;
  contentType: string;
  body: any;
}

/** One call to the customer app through the caller's sidecar, as the gateway or order would make it. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; customerId?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await caller.dapr.invokeRaw(AppId.customer, method, path, {
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.customerId && { [CUSTOMER_ID_HEADER]: options.customerId }),
      ...options.headers,
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
}

const uniqueEmail = (name: string) => `${name}-${randomUUID().slice(0, 8)}@example.test`;
const password = 'a long enough password';

async function registered(overrides: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  const answer = await call('POST', '/customers', { body: { email: uniqueEmail('siti'), name: 'Siti Rahma', password, ...overrides } });
  expect(answer.status).toBe(201);
  return answer.body;
}

const address = { recipient: 'Siti Rahma', line1: 'Jl. Asia Afrika 8', city: 'Bandung', province: 'Jawa Barat', postalCode: '40111' };

describe('registering and logging in', () => {
  it('when a customer registers, then the answer is 201 with the account and no trace of the password', async () => {
    const email = uniqueEmail('Siti.Rahma');

    const answer = await call('POST', '/customers', { body: { email, name: '  Siti Rahma ', password } });

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: expect.any(String),
      email,
      name: 'Siti Rahma',
      locale: 'id',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/password|hash|scrypt/i);
  });

  it('when the customer logs in, then the JWT verifies with the secret and its subject is the customer id', async () => {
    const { id, email } = await registered({ locale: 'en' });

    const answer = await call('POST', '/customers/login', { body: { email: email.toUpperCase(), password } });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, customerId: id });
    const { payload } = await jwtVerify(answer.body.accessToken, new TextEncoder().encode(secret), {
      issuer: 'pasar',
      algorithms: ['HS256'],
    });
    expect(payload.sub).toBe(id);
  });

  it('when the same email registers again in another case, then the answer is 409', async () => {
    const { email } = await registered();

    const answer = await call('POST', '/customers', { body: { email: email.toUpperCase(), name: 'Someone Else', password } });

    expect(answer.status).toBe(409);
    expect(answer.contentType).toContain('application/problem+json');
  });

  it('when the password is wrong or the email unknown, then both get the very same 401', async () => {
    const { email } = await registered();

    const wrongPassword = await call('POST', '/customers/login', { body: { email, password: 'not the right password' } });
    const unknownEmail = await call('POST', '/customers/login', { body: { email: uniqueEmail('nobody'), password } });

    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.contentType).toContain('application/problem+json');
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('when a customer logs in, then customer-logged-in is published with the user agent and ip', async () => {
    const { id, email } = await registered();

    const answer = await call('POST', '/customers/login', {
      body: { email, password },
      headers: { 'user-agent': `pasar-e2e/${run}`, 'x-forwarded-for': '203.0.113.7' },
    });

    expect(answer.status).toBe(200);
    const message = await eventually(
      () => {
        const found = loginsSeen.find((m) => m.customerId === id);
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 20_000 },
    );
    expect(message).toMatchObject({
      version: 1,
      customerId: id,
      userAgent: `pasar-e2e/${run}`,
      ip: '203.0.113.7',
      eventId: expect.any(String),
    });
    const { rows } = await scratch.pool.query(`select event_id, published_at from outbox where payload->>'customerId' = $1`, [id]);
    expect(rows).toEqual([{ event_id: message.eventId, published_at: expect.any(Date) }]);
  });
});

describe("the caller's own profile", () => {
  it('when the gateway names the customer, then /customers/me is their account; without it, 401', async () => {
    const { id, email } = await registered();

    const mine = await call('GET', '/customers/me', { customerId: id });
    const anonymous = await call('GET', '/customers/me');
    const garbled = await call('GET', '/customers/me', { headers: { [CUSTOMER_ID_HEADER]: 'not-a-uuid' } });

    expect(mine).toMatchObject({ status: 200, body: { id, email, name: 'Siti Rahma' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
    expect(garbled.status).toBe(401);
  });

  it('when the profile is patched, then only the given fields change', async () => {
    const { id } = await registered();

    const answer = await call('PATCH', '/customers/me', { customerId: id, body: { locale: 'en' } });

    expect(answer).toMatchObject({ status: 200, body: { id, name: 'Siti Rahma', locale: 'en' } });
    expect((await call('GET', '/customers/me', { customerId: id })).body.locale).toBe('en');
  });

  it('when the named customer does not exist, then 404', async () => {
    expect((await call('GET', '/customers/me', { customerId: randomUUID() })).status).toBe(404);
  });
});

describe('addresses', () => {
  it('when addresses are added, listed, replaced and removed, then each step shows in the list', async () => {
    const { id } = await registered();

    const home = await call('POST', '/customers/me/addresses', { customerId: id, body: { ...address, isDefault: true } });
    const office = await call('POST', '/customers/me/addresses', { customerId: id, body: { ...address, line1: 'Jl. Braga 2' } });
    expect(home).toMatchObject({ status: 201, body: { ...address, country: 'ID', isDefault: true } });
    expect(office.status).toBe(201);

    const listed = await call('GET', '/customers/me/addresses', { customerId: id });
    expect(listed.body.addresses.map((a: { id: string }) => a.id)).toEqual([home.body.id, office.body.id]);

    const replaced = await call('PUT', `/customers/me/addresses/${office.body.id}`, {
      customerId: id,
      body: { ...address, line1: 'Jl. Braga 20', isDefault: true },
    });
    expect(replaced).toMatchObject({ status: 200, body: { id: office.body.id, line1: 'Jl. Braga 20', isDefault: true } });

    const removed = await call('DELETE', `/customers/me/addresses/${home.body.id}`, { customerId: id });
    expect(removed.status).toBe(204);
    expect((await call('GET', '/customers/me/addresses', { customerId: id })).body).toEqual({ addresses: [replaced.body] });
  });

  it("when another customer's address is replaced or removed, then 404 and it stays as it was", async () => {
    const owner = await registered();
    const other = await registered();
    const saved = await call('POST', '/customers/me/addresses', { customerId: owner.id, body: address });

    expect((await call('PUT', `/customers/me/addresses/${saved.body.id}`, { customerId: other.id, body: address })).status).toBe(404);
    expect((await call('DELETE', `/customers/me/addresses/${saved.body.id}`, { customerId: other.id })).status).toBe(404);
    expect((await call('GET', '/customers/me/addresses', { customerId: owner.id })).body.addresses).toEqual([saved.body]);
  });

  it('when the caller is not named, then the address routes answer 401', async () => {
    expect((await call('GET', '/customers/me/addresses')).status).toBe(401);
    expect((await call('POST', '/customers/me/addresses', { body: address })).status).toBe(401);
  });
});

describe('getCustomer, for other services', () => {
  it('when invoked by contract, then it answers the profile with the default address', async () => {
    const { id, email } = await registered();
    await call('POST', '/customers/me/addresses', { customerId: id, body: { ...address, line1: 'Not the default' } });
    await call('POST', '/customers/me/addresses', { customerId: id, body: { ...address, isDefault: true, phone: '+62 22 123' } });

    const profile = await caller.dapr.invoke(getCustomer, { params: { customerId: id } });

    expect(profile).toEqual({
      id,
      name: 'Siti Rahma',
      email,
      locale: 'id',
      defaultAddress: { ...address, country: 'ID', phone: '+62 22 123' },
    });
  });

  it('when the customer has no default address, then defaultAddress is null', async () => {
    const { id } = await registered();

    expect((await caller.dapr.invoke(getCustomer, { params: { customerId: id } })).defaultAddress).toBeNull();
  });

  it('when the customer is unknown, then the caller gets an RpcError 404', async () => {
    const error = await caller.dapr.invoke(getCustomer, { params: { customerId: randomUUID() } }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).status).toBe(404);
  });
});

describe('bad input', () => {
  const someone = randomUUID();
  const cases: Array<[string, string, string, { body?: unknown; customerId?: string }, string]> = [
    ['register: email', 'POST', '/customers', { body: { email: 'not-an-email', name: 'A', password } }, 'email'],
    ['register: short password', 'POST', '/customers', { body: { email: uniqueEmail('a'), name: 'A', password: 'short' } }, 'password'],
    ['register: locale', 'POST', '/customers', { body: { email: uniqueEmail('a'), name: 'A', password, locale: 'fr' } }, 'locale'],
    ['register: name', 'POST', '/customers', { body: { email: uniqueEmail('a'), name: '   ', password } }, 'name'],
    ['login: email', 'POST', '/customers/login', { body: { password } }, 'email'],
    ['login: password', 'POST', '/customers/login', { body: { email: uniqueEmail('a'), password: '' } }, 'password'],
    ['profile: locale', 'PATCH', '/customers/me', { customerId: someone, body: { locale: 'xx' } }, 'locale'],
    [
      'new address: postal code',
      'POST',
      '/customers/me/addresses',
      { customerId: someone, body: { ...address, postalCode: undefined } },
      'postalCode',
    ],
    [
      'new address: country',
      'POST',
      '/customers/me/addresses',
      { customerId: someone, body: { ...address, country: 'Indonesia' } },
      'country',
    ],
    ['replace address: id', 'PUT', '/customers/me/addresses/not-a-uuid', { customerId: someone, body: address }, 'params.addressId'],
    [
      'replace address: body',
      'PUT',
      `/customers/me/addresses/${randomUUID()}`,
      { customerId: someone, body: { ...address, isDefault: 'yes' } },
      'isDefault',
    ],
    ['remove address: id', 'DELETE', '/customers/me/addresses/42', { customerId: someone }, 'params.addressId'],
    ['getCustomer: id', 'GET', '/internal/customers/42', {}, 'params.customerId'],
  ];

  it.each(cases)('%s -> 400 problem+json naming the field', async (_name, method, path, options, field) => {
    const answer = await call(method, path, options);

    expect(answer.status).toBe(400);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('profile: nothing to change (a rule of the description, not of the shape) -> 422 problem+json', async () => {
    const answer = await call('PATCH', '/customers/me', { customerId: someone, body: {} });

    expect(answer.status).toBe(422);
    expect(answer.contentType).toContain('application/problem+json');
    expect(answer.body.errors.map((e: { field: string }) => e.field)).toEqual(['(root)']);
  });

  it('malformed JSON -> 400', async () => {
    const response = await caller.dapr.invokeRaw(AppId.customer, 'POST', '/customers', {
      headers: { 'content-type': 'application/json' },
      body: '{"email":',
    });

    expect(response.status).toBe(400);
  });
});

describe('when the database is down', () => {
  let downInstance: RunningServer;

  beforeAll(async () => {
    // The healthy instance's sidecar, so /readyz fails on the database alone.
    const deps = { logger: createLogger('customer-db-down', 'silent'), dapr: customer.dapr };
    const built = await buildService(configOf({ DATABASE_URL: DEAD_DATABASE_URL, MIGRATE_ON_START: 'false' }), deps);
    downInstance = await startServer(built.app, { port: 0, logger: deps.logger, ...(built.closers && { closers: built.closers }) });
  });

  afterAll(() => downInstance?.stop());

  const url = (path: string) => `http://127.0.0.1:${downInstance.port}${path}`;

  it('then /readyz answers 503 quickly, naming postgres only', async () => {
    const started = Date.now();

    const response = await fetch(url('/readyz'));

    expect(response.status).toBe(503);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks.postgres?.ok).toBe(false);
    expect(body.checks['dapr-sidecar']?.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it.each([
    ['POST', '/customers/login', { email: 'siti@example.test', password }],
    ['POST', '/customers', { email: 'siti@example.test', name: 'Siti', password }],
    ['GET', '/customers/me', undefined],
    ['POST', '/customers/me/addresses', address],
    ['GET', `/internal/customers/${randomUUID()}`, undefined],
  ])('then %s %s answers 503 problem+json quickly', async (method, path, body) => {
    const started = Date.now();

    const response = await fetch(url(path), {
      method,
      headers: { 'content-type': 'application/json', [CUSTOMER_ID_HEADER]: randomUUID() },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });

    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('then an instance that must migrate first refuses to start, at once', async () => {
    const started = Date.now();

    await expect(
      buildService(configOf({ DATABASE_URL: DEAD_DATABASE_URL }), {
        logger: createLogger('customer-db-down', 'silent'),
        dapr: customer.dapr,
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe('when the sidecar cannot take the login message', () => {
  it('then the login still succeeds', async () => {
    const { email } = await registered();
    const logger = createLogger('customer-no-sidecar', 'silent');
    const deadSidecar = new DaprClient({ host: '127.0.0.1', httpPort: await freePort(), timeoutMs: 1000 });
    const built = await buildService(configOf({ DATABASE_URL: scratch.url }), { logger, dapr: deadSidecar });
    const instance = await startServer(built.app, { port: 0, logger, ...(built.closers && { closers: built.closers }) });
    try {
      const response = await fetch(`http://127.0.0.1:${instance.port}/customers/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });

      expect(response.status).toBe(200);
    } finally {
      await instance.stop();
    }
  });
});
