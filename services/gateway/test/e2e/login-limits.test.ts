import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { AppId } from '@pasar/contracts';
import {
  aLoopbackClientAddress,
  createScratchSchema,
  fetchFrom,
  isolatedNameResolution,
  stackValue,
  startAppWithSidecar,
  type AppUnderTest,
  type ScratchSchema,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService as buildCustomer } from '../../../customer/src/app.ts';
import { Config as CustomerConfig } from '../../../customer/src/config.ts';
import { Config } from '../../src/config.ts';
import { startGateway } from '../support/gateway-app.ts';

/** The gateway in front of the real customer service (its own schema), both beside real daprd sidecars. */
const FAILURES_PER_ACCOUNT = 3;
const ATTEMPTS_PER_ADDRESS = 6;
const REGISTRATIONS_PER_EMAIL = 2;
const secret = 'a-login-limits-test-secret-of-32-characters';
const nameResolutionDb = isolatedNameResolution();
const apps: AppUnderTest[] = [];
let schema: ScratchSchema;
let gateway: string;

beforeAll(async () => {
  schema = await createScratchSchema('customer_login_limits');
  const customerConfig = CustomerConfig.parse({
    APP_PORT: '0',
    JWT_SECRET: secret,
    DATABASE_URL: schema.url,
    PASSWORD_SCRYPT_LOG2_N: '14',
  });
  apps.push(
    await startAppWithSidecar({
      appId: AppId.customer,
      broker: 'redis',
      nameResolutionDb,
      build: (deps) => buildCustomer(customerConfig, deps),
    }),
  );
  const config = Config.parse({
    APP_PORT: '0',
    JWT_SECRET: secret,
    RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'),
    LOGIN_FAILURES_PER_ACCOUNT: String(FAILURES_PER_ACCOUNT),
    AUTH_ATTEMPTS_PER_ADDRESS: String(ATTEMPTS_PER_ADDRESS),
    REGISTRATIONS_PER_EMAIL: String(REGISTRATIONS_PER_EMAIL),
  });
  const app = await startGateway(config, nameResolutionDb);
  apps.push(app);
  gateway = app.appUrl;
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await schema?.drop();
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${nameResolutionDb}${suffix}`, { force: true })));
});

const post = (path: string, body: unknown, from = aLoopbackClientAddress()) =>
  fetchFrom(from, `${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const logIn = (email: string, password: string, from?: string) => post('/api/customers/login', { email, password }, from);
const anEmail = () => `limits-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'sangat-rahasia-123';

async function aCustomer(): Promise<string> {
  const email = anEmail();
  expect((await post('/api/customers', { email, name: 'Dewi', password: PASSWORD, locale: 'id' })).status).toBe(201);
  return email;
}

/** Status, content type, Retry-After's presence and the problem, as a client sees them. */
async function answerOf(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.has('retry-after'),
    problem: await response.json(),
  };
}

describe('log-ins: an account is locked after repeated failures', () => {
  it('when one account fails to log in again and again, each time from another address, then it is locked for every address, even with the right password', async () => {
    const email = await aCustomer();

    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) expect((await logIn(email, 'wrong-password-123')).status).toBe(401);
    const locked = await logIn(email, PASSWORD);

    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ status: 429, detail: expect.stringContaining('failed log-ins') });
  });

  it('when an email nobody registered is tried as often, then every answer is the same as for the existing account', async () => {
    const existing = await aCustomer();
    const unknown = anEmail();
    const tries = async (email: string) => {
      const answers = [];
      for (let i = 0; i <= FAILURES_PER_ACCOUNT; i++) answers.push(await answerOf(await logIn(email, 'wrong-password-123')));
      return answers;
    };

    const forExisting = await tries(existing);
    const forUnknown = await tries(unknown);

    expect(forExisting.map((a) => a.status)).toEqual([...Array(FAILURES_PER_ACCOUNT).fill(401), 429]);
    expect(forUnknown).toEqual(forExisting);
  });

  it('when log-ins succeed, then they never lock the account', async () => {
    const email = await aCustomer();

    for (let i = 0; i < FAILURES_PER_ACCOUNT + 2; i++) expect((await logIn(email, PASSWORD)).status).toBe(200);
  });

  it('when a locked account is tried in another case, then it is the same account and still locked', async () => {
    const email = await aCustomer();
    for (let i = 0; i < FAILURES_PER_ACCOUNT; i++) await logIn(email, 'wrong-password-123');

    expect((await logIn(email.toUpperCase(), PASSWORD)).status).toBe(429);
  });
});

describe('log-ins and registrations per client address, registrations per email', () => {
  it('when one address keeps logging in and registering, then it is refused after its allowance, whatever the accounts', async () => {
    const address = aLoopbackClientAddress();
    const statuses: number[] = [];

    for (let i = 0; i < ATTEMPTS_PER_ADDRESS / 2; i++) {
      statuses.push((await post('/api/customers', { email: anEmail(), name: 'Dewi', password: PASSWORD, locale: 'id' }, address)).status);
      statuses.push((await logIn(anEmail(), PASSWORD, address)).status);
    }
    const refused = await logIn(anEmail(), PASSWORD, address);

    expect(statuses).toEqual(
      Array(ATTEMPTS_PER_ADDRESS / 2)
        .fill([201, 401])
        .flat(),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.has('retry-after')).toBe(true);
    expect((await fetchFrom(address, `${gateway}/api/nowhere`)).status).toBe(404);
  });

  it('when one email is registered again and again, then the tries beyond the allowance are refused from any address', async () => {
    const email = anEmail();
    const register = () => post('/api/customers', { email, name: 'Dewi', password: PASSWORD, locale: 'id' });

    const statuses = [];
    for (let i = 0; i <= REGISTRATIONS_PER_EMAIL; i++) statuses.push((await register()).status);

    expect(statuses).toEqual([201, ...Array(REGISTRATIONS_PER_EMAIL - 1).fill(409), 429]);
  });
});
