import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { CartView, ListProductsResponse, LoginResponse, OrderPage, OrderView } from '@pasar/contracts';
import { eventually, repoRoot, systemSidecarAuth } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededProduct } from '../../scripts/seed/catalog.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, SEED_CUSTOMERS } from '../../scripts/seed/people.ts';

const run = promisify(execFile);
const GATEWAY = 'http://127.0.0.1:3000';
const PRODUCT_SIDECAR = 'http://127.0.0.1:3502/v1.0/invoke/product/method';
/** Small, so the test is quick; the same products are the first of any larger seed. */
const PRODUCTS = 40;

async function seed(): Promise<Record<string, number>> {
  const { stdout } = await run('node', [path.join(repoRoot, 'scripts/seed/seed.ts'), '--products', String(PRODUCTS)], {
    cwd: repoRoot,
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
}

async function login(email: string, password: string): Promise<Record<string, string>> {
  const response = await fetch(`${GATEWAY}/api/customers/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return { authorization: `Bearer ${LoginResponse.parse(await response.json()).accessToken}` };
}

/** The seeded products the product service lists: their ids by SKU. */
async function seededProductIds(): Promise<Map<string, string>> {
  const seededSkus = new Set(Array.from({ length: PRODUCTS }, (_, n) => seededProduct(n).sku));
  const ids = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const page: ListProductsResponse = ListProductsResponse.parse(
      await (
        await fetch(`${PRODUCT_SIDECAR}/products?limit=100${cursor ? `&cursor=${cursor}` : ''}`, { headers: systemSidecarAuth() })
      ).json(),
    );
    for (const product of page.products) if (seededSkus.has(product.sku)) ids.set(product.sku, product.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/**
 * Each seeded customer's session, logged in once: the gateway limits log-ins per address (every
 * test here comes from 127.0.0.1).
 */
const sessions = new Map<string, Record<string, string>>();
async function sessionOf(email: string, password: string): Promise<Record<string, string>> {
  if (!sessions.has(email)) sessions.set(email, await login(email, password));
  return sessions.get(email)!;
}

/** What the seed is responsible for, counted through the APIs. */
async function shopCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = { products: (await seededProductIds()).size };
  for (const customer of SEED_CUSTOMERS) {
    const auth = await sessionOf(customer.email, customer.password);
    const addresses = (await (await fetch(`${GATEWAY}/api/customers/me/addresses`, { headers: auth })).json()) as { addresses: unknown[] };
    const orders = OrderPage.parse(await (await fetch(`${GATEWAY}/api/orders?limit=100`, { headers: auth })).json());
    counts[`${customer.email} addresses`] = addresses.addresses.length;
    counts[`${customer.email} orders`] = orders.items.length;
  }
  return counts;
}

/**
 * `npm run seed` against the whole system as `npm start` runs it (test dataset), and the demo
 * customer shopping from the cart through the gateway: the real gateway, product service and
 * Redis state store.
 */
describe('a stocked shop', () => {
  beforeAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
      env: { ...process.env, PASAR_DATASET: 'test', PASAR_SKIP_SETUP: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
  });

  afterAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
  });

  it('when the seed runs twice, then the second run adds nothing and every count is as the first left it', async () => {
    await seed();
    const afterFirst = await shopCounts();
    const second = await seed();
    const afterSecond = await shopCounts();

    expect(afterFirst.products).toBe(PRODUCTS);
    for (const customer of SEED_CUSTOMERS) {
      expect(afterFirst[`${customer.email} addresses`]).toBe(1);
      expect(afterFirst[`${customer.email} orders`]).toBeGreaterThan(0);
    }
    expect(second).toEqual({ productsCreated: 0, customersCreated: 0, addressesAdded: 0, ordersPlaced: 0, searchesMade: 0 });
    expect(afterSecond).toEqual(afterFirst);
  });

  it('when the demo customer fills the cart and checks out through the gateway, then the order is paid and the cart is empty', async () => {
    const auth = await sessionOf(DEMO_EMAIL, DEMO_PASSWORD);
    const seededIds = await seededProductIds();
    const ids = Array.from({ length: PRODUCTS }, (_, n) => seededProduct(n))
      .filter((p) => p.stock >= 10)
      .slice(0, 2)
      .map((p) => seededIds.get(p.sku)!);
    const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${GATEWAY}${path}`, {
        method,
        headers: { ...auth, ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });

    for (const line of CartView.parse(await (await send('GET', '/api/cart')).json()).lines)
      await send('DELETE', `/api/cart/items/${line.productId}`);

    const first = await send('POST', '/api/cart/items', { productId: ids[0], quantity: 2 });
    const second = await send('POST', '/api/cart/items', { productId: ids[1], quantity: 1 });
    const stale = await send('PATCH', `/api/cart/items/${ids[0]}`, { quantity: 3 }, { 'if-match': first.headers.get('etag')! });
    const cart = CartView.parse(await (await send('GET', '/api/cart')).json());
    const placed = await send('POST', '/api/orders', { fromCart: true }, { 'idempotency-key': randomUUID() });

    expect([first.status, second.status, stale.status]).toEqual([200, 200, 409]);
    expect(cart.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [ids[0], 2],
      [ids[1], 1],
    ]);
    expect(placed.status).toBe(201);
    const order = OrderView.parse(await placed.json());
    expect(order.total.amount).toBe(cart.totals.totalIdr);
    expect(CartView.parse(await (await send('GET', '/api/cart')).json()).lines).toEqual([]);
    await eventually(
      async () => {
        expect(OrderView.parse(await (await send('GET', `/api/orders/${order.id}`)).json()).status).toBe('PAID');
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );
  });
});
