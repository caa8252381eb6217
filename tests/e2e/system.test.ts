import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  ActivityTimeline,
  allAppIds,
  AppId,
  DevelopmentSecret,
  LoginResponse,
  ProductResponse,
  SearchProductsResponse,
} from '@pasar/contracts';
import { brokers, eventually, repoRoot, stackValue, systemAppAuth, systemSidecarAuth, unimplementedOperations } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aFoodProduct, orderUntilPaid, productCreatedOn } from '../support/order-journey.ts';

const run = promisify(execFile);
const GATEWAY_SIDECAR = 'http://127.0.0.1:3500';
const GATEWAY = 'http://127.0.0.1:3000';
/** Product administration is not public: the test stocks the shop on the product service itself. */
const PRODUCT_APP = 'http://127.0.0.1:3002';
const PAYMENT_PORT = 3005;
const PAYMENT_SIDECAR_PORT = 3505;

/** SIGKILLs whatever listens on the port (payment or its daprd), then waits for a new process and the gateway reaching payment again. */
async function killAndSeeRestarted(port: number): Promise<void> {
  const before = await listenerPid(port);
  process.kill(before, 'SIGKILL');
  await eventually(
    async () => {
      expect(await listenerPid(port)).not.toBe(before);
      expect((await fetch(`${GATEWAY_SIDECAR}/v1.0/invoke/${AppId.payment}/method/readyz`, { headers: systemSidecarAuth() })).status).toBe(
        200,
      );
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
}

/** What the dapr CLI wrote for each app and its daprd (appLogDestination and daprdLogDestination). */
function sidecarLogFiles(): string[] {
  return allAppIds.flatMap((appId) => {
    const dir = path.join(repoRoot, 'services', appId, '.dapr/logs');
    return existsSync(dir) ? readdirSync(dir).map((file) => path.join(dir, file)) : [];
  });
}

/** The process listening on a loopback port (the app itself, not the supervisor around it). */
async function listenerPid(port: number): Promise<number> {
  const { stdout } = await run('ss', ['-ltnpH', `sport = :${port}`]);
  const pid = /pid=(\d+)/.exec(stdout)?.[1];
  if (!pid) throw new Error(`nothing listens on port ${port}`);
  return Number(pid);
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(GATEWAY + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/**
 * `npm start`'s second half, for real: the dapr CLI runs all eight apps of dapr.yaml, each beside its
 * own daprd, on each broker (PASAR_BROKER swaps one component folder, nothing else).
 */
describe.each(brokers)('the whole system from dapr.yaml, over %s', (broker) => {
  let startOutput = '';

  beforeAll(async () => {
    const started = await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
      env: { ...process.env, PASAR_BROKER: broker, PASAR_DATASET: 'test', PASAR_SKIP_SETUP: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    startOutput = started.stdout;
  });

  afterAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
  });

  it('prints a table with every app, its URL and its health', () => {
    for (const appId of allAppIds)
      expect(startOutput).toMatch(new RegExp(`^${appId}\\s+http://127\\.0\\.0\\.1:\\d+\\s+\\S+\\s+ready`, 'm'));
  });

  it.each(allAppIds)('the gateway reaches %s through the sidecars, and it is ready', async (appId) => {
    const response = await fetch(`${GATEWAY_SIDECAR}/v1.0/invoke/${appId}/method/readyz`, { headers: systemSidecarAuth() });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks['dapr-sidecar']?.ok).toBe(true);
  });

  it('every sidecar loaded the chosen broker as its pub/sub component', async () => {
    const metadata = (await (await fetch(`${GATEWAY_SIDECAR}/v1.0/metadata`, { headers: systemSidecarAuth() })).json()) as {
      components: Array<{ name: string; type: string }>;
    };

    expect(metadata.components).toContainEqual(expect.objectContaining({ name: 'pubsub', type: `pubsub.${broker}` }));
  });

  it('an app can reach another app by its id alone (name resolution without multicast)', async () => {
    const response = await fetch(`http://127.0.0.1:3501/v1.0/invoke/${AppId.email}/method/healthz`, { headers: systemSidecarAuth() });

    expect(response.status).toBe(200);
  });

  it('an app that dies is started again (keep-running.sh), and its sidecar reaches it again', async () => {
    await killAndSeeRestarted(PAYMENT_PORT);

    expect(readFileSync(path.join(repoRoot, '.stack/logs/apps.log'), 'utf8')).toMatch(/payment exited with code \d+; starting it again/);
  });

  it('a sidecar that dies is started again, and reaches its app again', async () => {
    await killAndSeeRestarted(PAYMENT_SIDECAR_PORT);
  });

  describe('journeys through the gateway', () => {
    const email = `journey-${randomUUID().slice(0, 8)}@example.test`;
    const password = 'sangat-rahasia-123';
    let session: LoginResponse;

    it('a customer registers, logs in and reads their profile with the token', async () => {
      expect((await postJson('/api/customers', { email, name: 'Dewi', password, locale: 'id' })).status).toBe(201);
      const login = await postJson('/api/customers/login', { email: email.toUpperCase(), password });
      expect(login.status).toBe(200);
      session = LoginResponse.parse(await login.json());

      const me = await fetch(`${GATEWAY}/api/customers/me`, { headers: { authorization: `Bearer ${session.accessToken}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ id: session.customerId, email, locale: 'id' });
    });

    it('then the login shows in their own activity timeline', async () => {
      await eventually(
        async () => {
          const response = await fetch(`${GATEWAY}/api/activity/me/timeline?kinds=login`, {
            headers: { authorization: `Bearer ${session.accessToken}` },
          });
          expect(response.status).toBe(200);
          const timeline = ActivityTimeline.parse(await response.json());
          expect(timeline.items.map((item) => item.kind)).toContain('login');
        },
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    });

    it('a search by the logged-in customer answers and shows in their timeline with its query', async () => {
      const query = `kopi-${randomUUID().slice(0, 6)}`;
      const search = await fetch(`${GATEWAY}/api/catalog/search?q=${query}`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      expect(search.status).toBe(200);

      await eventually(
        async () => {
          const response = await fetch(`${GATEWAY}/api/activity/me/timeline?kinds=search`, {
            headers: { authorization: `Bearer ${session.accessToken}` },
          });
          const timeline = ActivityTimeline.parse(await response.json());
          expect(timeline.items).toContainEqual(expect.objectContaining({ kind: 'search', query }));
        },
        { timeoutMs: 20_000, intervalMs: 250 },
      );
    });

    it("an order placed through the gateway is paid, mailed in the customer's language and shows in the timeline", async () => {
      const auth = { authorization: `Bearer ${session.accessToken}` };
      const address = { recipient: 'Dewi', line1: 'Jl. Braga 7', city: 'Bandung', postalCode: '40111', country: 'ID', isDefault: true };
      expect((await postJson('/api/customers/me/addresses', address, auth)).status).toBe(201);
      const { order } = await orderUntilPaid({
        gateway: GATEWAY,
        auth,
        createProduct: () => productCreatedOn(PRODUCT_APP, aFoodProduct('KOPI', 'Kopi Gayo 250 g', 75_000, 250), systemAppAuth()),
        quantity: 2,
        paidWithin: { timeoutMs: 30_000, intervalMs: 300 },
      });
      expect(order.total).toEqual({ amount: 150_000, currency: 'IDR' });
      await eventually(
        async () => {
          const mails = (await (
            await fetch(`${stackValue('MAILPIT_URL')}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`)
          ).json()) as { messages: Array<{ Subject: string }> };
          const subjects = mails.messages.map((m) => m.Subject);
          expect(subjects).toEqual(
            expect.arrayContaining([
              expect.stringMatching(/^Pesanan .* kami terima$/),
              expect.stringMatching(/^Pembayaran pesanan .* berhasil$/),
            ]),
          );
        },
        { timeoutMs: 30_000, intervalMs: 300 },
      );
      await eventually(
        async () => {
          const timeline = ActivityTimeline.parse(
            await (await fetch(`${GATEWAY}/api/activity/me/timeline?kinds=order,payment`, { headers: auth })).json(),
          );
          expect(timeline.items.map((item) => item.kind).sort()).toEqual(['order', 'payment']);
        },
        { timeoutMs: 30_000, intervalMs: 300 },
      );
    });

    it('a product created on the product service becomes searchable through the gateway, follows a price change, and is gone once deleted', async () => {
      const word = `batik${randomUUID().slice(0, 6)}`;
      const created = await fetch(`${PRODUCT_APP}/products`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...systemAppAuth() },
        body: JSON.stringify({
          sku: `BATIK-${randomUUID().slice(0, 8)}`,
          name: `Kemeja ${word} tulis`,
          category: 'fashion',
          price: { amount: 350_000, currency: 'IDR' },
          stock: 3,
          attributes: { size: 'L', colour: 'indigo', material: 'katun' },
        }),
      });
      expect(created.status).toBe(201);
      const product = ProductResponse.parse(await created.json());
      const search = async () => SearchProductsResponse.parse(await (await fetch(`${GATEWAY}/api/catalog/search?q=${word}`)).json());

      await eventually(async () => expect((await search()).items.map((item) => item.id)).toEqual([product.id]), {
        timeoutMs: 30_000,
        intervalMs: 300,
      });

      const patched = await fetch(`${PRODUCT_APP}/products/${product.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...systemAppAuth() },
        body: JSON.stringify({ price: { amount: 299_000, currency: 'IDR' } }),
      });
      expect(patched.status).toBe(200);
      await eventually(async () => expect((await search()).items[0]?.price.amount).toBe(299_000), { timeoutMs: 30_000, intervalMs: 300 });

      expect([200, 204]).toContain(
        (await fetch(`${PRODUCT_APP}/products/${product.id}`, { method: 'DELETE', headers: systemAppAuth() })).status,
      );
      await eventually(async () => expect((await search()).items).toEqual([]), { timeoutMs: 30_000, intervalMs: 300 });
    });

    it('without a token, the profile is refused (401 problem), and bad input is a 400 naming the field', async () => {
      expect((await fetch(`${GATEWAY}/api/customers/me`)).status).toBe(401);
      const bad = await postJson('/api/customers', { email: 'not-an-email', name: 'X', password: 'short' });
      expect(bad.status).toBe(400);
      const problem = (await bad.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field).sort()).toEqual(['email', 'password']);
    });

    it('the gateway serves one OpenAPI document of every service, and each operation in it is implemented', async () => {
      const response = await fetch(`${GATEWAY}/openapi.json`);
      const document = (await response.json()) as { paths: Record<string, Record<string, unknown>>; 'x-pasar-unavailable': string[] };

      expect(response.status).toBe(200);
      expect(document['x-pasar-unavailable']).toEqual([]);
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/api/catalog/search', '/api/products/{id}', '/api/orders', '/api/activity/me/timeline']),
      );
      expect(await unimplementedOperations(document, GATEWAY, { authorization: `Bearer ${session.accessToken}` })).toEqual([]);
      expect((await fetch(`${GATEWAY}/docs`)).headers.get('content-type')).toContain('text/html');
    });

    it('after the journeys, no secret is in any app log: passwords, tokens, the signing and webhook secrets', () => {
      const logs = [path.join(repoRoot, '.stack/logs/apps.log'), ...sidecarLogFiles()].map((file) => readFileSync(file, 'utf8')).join('\n');

      for (const secret of [
        password,
        session.accessToken,
        DevelopmentSecret.jwt,
        DevelopmentSecret.providerWebhook,
        DevelopmentSecret.appApiToken,
        DevelopmentSecret.daprApiToken,
      ]) {
        expect(logs.includes(secret), `a log holds ${secret.slice(0, 6)}…`).toBe(false);
      }
    });
  });
});
