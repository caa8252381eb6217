import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { ActivityTimeline, LoginResponse, OrderView, ProductResponse, SearchProductsResponse, type OrderStatus } from '@pasar/contracts';
import { createPool } from '@pasar/postgres';
import { eventually, repoRoot, stackValue, systemAppAuth, type Broker } from '@pasar/testing';

const run = promisify(execFile);
const GATEWAY = 'http://127.0.0.1:3000';
/** Product administration is not public: the shop is stocked on the product service itself. */
const PRODUCT_APP = 'http://127.0.0.1:3002';
const FINAL: readonly OrderStatus[] = ['PAID', 'PAYMENT_FAILED', 'CANCELLED'];

/**
 * All eight apps beside their sidecars, as `npm start` runs them, on the test dataset. Every shopper
 * of the steady flow comes from this one address, so the gateway's per-address limits are lifted.
 */
export async function startShop(broker: Broker): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
    env: {
      ...process.env,
      PASAR_BROKER: broker,
      PASAR_DATASET: 'test',
      PASAR_SKIP_SETUP: '1',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_ATTEMPTS_PER_ADDRESS: '1000000',
    },
    maxBuffer: 10 * 1024 * 1024,
  });
}

export async function stopShop(): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
}

/** `npm run stack -- <verb> <component>`: how a fault is made and mended. */
export async function stack(verb: 'kill' | 'down' | 'up', component: string): Promise<void> {
  await run('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), verb, component], { env: { ...process.env, PASAR_DATASET: 'test' } });
}

export interface Shopper {
  email: string;
  auth: Record<string, string>;
}

export async function aShopperWithAnAddress(): Promise<Shopper> {
  const email = `fault-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'sangat-rahasia-123';
  await send('POST', `${GATEWAY}/api/customers`, { email, name: 'Dewi', password, locale: 'id' });
  const session = LoginResponse.parse(await (await send('POST', `${GATEWAY}/api/customers/login`, { email, password })).json());
  const auth = { authorization: `Bearer ${session.accessToken}` };
  const address = { recipient: 'Dewi', line1: 'Jl. Braga 7', city: 'Bandung', postalCode: '40111', country: 'ID', isDefault: true };
  await send('POST', `${GATEWAY}/api/customers/me/addresses`, address, auth);
  return { email, auth };
}

export async function aProductInStock(stock: number): Promise<string> {
  const product = {
    sku: `FAULT-${randomUUID().slice(0, 8)}`,
    name: 'Kopi Gayo 250 g',
    category: 'food',
    price: { amount: 75_000, currency: 'IDR' },
    stock,
    attributes: { weightGrams: 250, expiryDate: '2027-12-31' },
  };
  return ProductResponse.parse(await (await send('POST', `${PRODUCT_APP}/products`, product, systemAppAuth())).json()).id;
}

/**
 * Places `count` orders at a steady rate through the gateway, as a careful client does: a failure
 * (5xx, no answer) is retried with the same Idempotency-Key until it is accepted. Returns the ids.
 */
export async function placeOrdersSteadily(
  shopper: Shopper,
  productId: string,
  options: { count: number; perSecond: number },
): Promise<string[]> {
  const placements = Array.from({ length: options.count }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, (i * 1000) / options.perSecond));
    return placeOrderUntilAccepted(shopper, productId);
  });
  return Promise.all(placements);
}

async function placeOrderUntilAccepted(shopper: Shopper, productId: string): Promise<string> {
  const headers = { ...shopper.auth, 'content-type': 'application/json', 'idempotency-key': randomUUID() };
  const body = JSON.stringify({ items: [{ productId, quantity: 1 }] });
  return eventually(
    async () => {
      const response = await fetch(`${GATEWAY}/api/orders`, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
      if (response.status !== 201) throw new Error(`POST /api/orders answered ${response.status}`);
      return OrderView.parse(await response.json()).id;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

/** Waits until every order is PAID, PAYMENT_FAILED or CANCELLED; returns the statuses. */
export async function finalStatuses(shopper: Shopper, orderIds: string[], timeoutMs: number): Promise<Map<string, OrderStatus>> {
  const statuses = new Map<string, OrderStatus>();
  await eventually(
    async () => {
      for (const id of orderIds.filter((orderId) => !FINAL.includes(statuses.get(orderId) ?? 'PENDING_PAYMENT'))) {
        const response = await fetch(`${GATEWAY}/api/orders/${id}`, { headers: shopper.auth });
        if (response.ok) statuses.set(id, OrderView.parse(await response.json()).status);
      }
      const pending = orderIds.filter((id) => !FINAL.includes(statuses.get(id) ?? 'PENDING_PAYMENT'));
      if (pending.length) throw new Error(`${pending.length} order(s) not final yet`);
    },
    { timeoutMs, intervalMs: 1000 },
  );
  return statuses;
}

export interface Effects {
  /** Orders with more than one payment row. */
  duplicatePayments: number;
  /** Mails of one kind for one order beyond the first (a redelivery re-sent it). */
  duplicateMails: number;
  /** Timeline points of one kind and status for one order beyond the first. */
  duplicateTimelinePoints: number;
  /** Orders whose payment mail or timeline points never came. */
  missingEffects: number;
}

/** The effects once every order's mails and timeline points have come (or a minute has passed). */
export async function effectsSettled(shopper: Shopper, orderIds: string[]): Promise<Effects> {
  return eventually(
    async () => {
      const effects = await effectsOf(shopper, orderIds);
      if (effects.missingEffects > 0) throw new Error(`${effects.missingEffects} order(s) still miss a mail or a timeline point`);
      return effects;
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  ).catch(() => effectsOf(shopper, orderIds));
}

/** What the orders caused downstream, counted where each effect lands. */
async function effectsOf(shopper: Shopper, orderIds: string[]): Promise<Effects> {
  const [payments, mails, points] = await Promise.all([
    paymentsPerOrder(orderIds),
    mailsPerOrder(shopper.email),
    timelinePointsPerOrder(shopper),
  ]);
  const beyondFirst = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const missing = orderIds.filter(
    (id) => !mails.has(`${reference(id)}:paid`) || !points.has(`${id}:order`) || !points.has(`${id}:payment:SUCCEEDED`),
  );
  return {
    duplicatePayments: beyondFirst(payments),
    duplicateMails: beyondFirst(mails),
    duplicateTimelinePoints: beyondFirst(points),
    missingEffects: missing.length,
  };
}

async function paymentsPerOrder(orderIds: string[]): Promise<Map<string, number>> {
  const pool = createPool(stackValue('POSTGRES_ADMIN_URL'), 'fault-test');
  try {
    const { rows } = await pool.query<{ order_id: string; payments: string }>(
      'select order_id, count(*) as payments from payment.payments where order_id = any($1::uuid[]) group by order_id',
      [orderIds],
    );
    return new Map(rows.map((row) => [row.order_id, Number(row.payments)]));
  } finally {
    await pool.end();
  }
}

const reference = (orderId: string) => orderId.slice(0, 8).toUpperCase();

async function mailsPerOrder(email: string): Promise<Map<string, number>> {
  const search = `${stackValue('MAILPIT_URL')}/api/v1/search?limit=5000&query=${encodeURIComponent(`to:"${email}"`)}`;
  const { messages } = (await (await fetch(search)).json()) as { messages: Array<{ Subject: string }> };
  const counts = new Map<string, number>();
  for (const { Subject } of messages) {
    const [, ref] = /pesanan ([0-9A-F]{8})/i.exec(Subject) ?? [];
    const kind = Subject.startsWith('Pembayaran') ? (Subject.endsWith('berhasil') ? 'paid' : 'failed') : 'received';
    if (ref) counts.set(`${ref}:${kind}`, (counts.get(`${ref}:${kind}`) ?? 0) + 1);
  }
  return counts;
}

async function timelinePointsPerOrder(shopper: Shopper): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ kinds: 'order,payment', limit: '100', ...(cursor && { cursor }) });
    const page = ActivityTimeline.parse(
      await (await fetch(`${GATEWAY}/api/activity/me/timeline?${query}`, { headers: shopper.auth })).json(),
    );
    for (const entry of page.items) {
      const key =
        entry.kind === 'payment'
          ? `${entry.orderId}:payment:${entry.status}`
          : entry.kind === 'order'
            ? `${entry.orderId}:order`
            : undefined;
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}

async function send(method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Changes a product's price on the product service (its product-changed message reaches the catalog). */
export async function changePrice(productId: string, amount: number): Promise<void> {
  await send('PATCH', `${PRODUCT_APP}/products/${productId}`, { price: { amount, currency: 'IDR' } }, systemAppAuth());
}

/** The price the public search shows for a product found by its own name, if it is found. */
export async function searchedPrice(word: string): Promise<number | undefined> {
  const response = await fetch(`${GATEWAY}/api/catalog/search?q=${encodeURIComponent(word)}`);
  if (!response.ok) return undefined;
  return SearchProductsResponse.parse(await response.json()).items[0]?.price.amount;
}

export async function aNamedProduct(word: string): Promise<string> {
  const product = {
    sku: `FAULT-${randomUUID().slice(0, 8)}`,
    name: `Kemeja ${word} tulis`,
    category: 'fashion',
    price: { amount: 350_000, currency: 'IDR' },
    stock: 3,
    attributes: { size: 'L', colour: 'indigo', material: 'katun' },
  };
  return ProductResponse.parse(await (await send('POST', `${PRODUCT_APP}/products`, product, systemAppAuth())).json()).id;
}
