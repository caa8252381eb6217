// npm run seed [-- --products N]: fills the running system through its APIs: the products through
// the product service's own (non-public) routes via its sidecar, everything else through the
// gateway's public API, as a customer would. Idempotent: products are known by SKU, customers by
// email (a log-in that works), orders by their Idempotency-Key, and searches are made only by
// customers who have none in their timeline; a second run adds nothing but its own log-ins.
import { ActivityTimeline, DevelopmentSecret, listProductPage, LoginResponse, type CreateProductRequest } from '@pasar/contracts';
import { seededProduct, SEED_SKU_PREFIX } from './catalog.ts';
import { call, expectStatus } from './http.ts';
import { SEED_CUSTOMERS, type SeedCustomer } from './people.ts';
import { progressBar } from './progress.ts';
import { randomFrom } from './random.ts';

const GATEWAY = process.env.PASAR_GATEWAY_URL ?? 'http://127.0.0.1:3000';
const PRODUCT_APP = `${process.env.PASAR_PRODUCT_SIDECAR_URL ?? 'http://127.0.0.1:3502'}/v1.0/invoke/product/method`;
const PRODUCTS = `${PRODUCT_APP}/products`;
const PRODUCT_PAGES = `${PRODUCT_APP}${listProductPage.path}`;
/** The sidecar takes API calls only with npm start's DAPR_API_TOKEN (scripts/start.sh). */
const SIDECAR_AUTH = { 'dapr-api-token': process.env.DAPR_API_TOKEN || DevelopmentSecret.daprApiToken };
const DEFAULT_PRODUCTS = 3000;
/** Product creations in flight at once. */
const CONCURRENCY = 8;

interface Summary {
  productsCreated: number;
  customersCreated: number;
  addressesAdded: number;
  ordersPlaced: number;
  searchesMade: number;
}

const summary: Summary = { productsCreated: 0, customersCreated: 0, addressesAdded: 0, ordersPlaced: 0, searchesMade: 0 };
try {
  const productCount = countOption(process.argv.slice(2));
  console.error(`seeding ${GATEWAY} with ${productCount} products and ${SEED_CUSTOMERS.length} customers`);
  const skus = await seedProducts(productCount);
  await seedCustomers(skus, productCount);
  console.error(`seeded: ${JSON.stringify(summary)}`);
  console.log(JSON.stringify(summary));
} catch (error) {
  console.error(`\nseed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

function countOption(args: string[]): number {
  const at = args.indexOf('--products');
  if (at < 0) return DEFAULT_PRODUCTS;
  const count = Number(args[at + 1]);
  if (!Number.isInteger(count) || count < 1) throw new Error('--products takes a positive whole number');
  return count;
}

/** Creates the products the shop lacks; answers every seeded product's id by SKU. */
async function seedProducts(count: number): Promise<Map<string, string>> {
  const existing = await seededSkus();
  const missing = Array.from({ length: count }, (_, n) => seededProduct(n)).filter((product) => !existing.has(product.sku));
  const bar = progressBar('products', count);
  bar.tick(count - missing.length);
  let [next, taken] = [0, 0];
  const worker = async () => {
    while (next < missing.length) {
      const product = missing[next++]!;
      const id = await createProduct(product);
      if (id) existing.set(product.sku, id);
      else taken++;
      bar.tick();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  bar.done(`${summary.productsCreated} created, ${count - missing.length} there already`);
  return taken > 0 ? seededSkus() : existing;
}

/** The new product's id; undefined when its SKU is taken (a retried creation whose first answer was lost). */
async function createProduct(product: CreateProductRequest): Promise<string | undefined> {
  const created = await expectStatus(
    call('POST', PRODUCTS, { body: product, headers: SIDECAR_AUTH }),
    [201, 409],
    `creating ${product.sku}`,
  );
  if (created.status !== 201) return undefined;
  summary.productsCreated++;
  return created.body.id;
}

/** Every seeded product the product service has (soft-deleted ones too: their SKUs stay taken), by SKU. */
async function seededSkus(): Promise<Map<string, string>> {
  const skus = new Map<string, string>();
  let cursor: string | null = null;
  do {
    // The page the catalog's reindex reads (by id, up to 1000 at a time): the public list pages 100
    // at a time, newest first, which FerretDB sorts anew for every page.
    const answer = await expectStatus(
      call('POST', PRODUCT_PAGES, { body: { cursor, limit: 1000 }, headers: SIDECAR_AUTH }),
      [200],
      'listing products',
    );
    const page = listProductPage.response.parse(answer.body);
    for (const product of page.products) if (product.sku.startsWith(SEED_SKU_PREFIX)) skus.set(product.sku, product.id);
    cursor = page.nextCursor;
  } while (cursor);
  return skus;
}

async function seedCustomers(skus: Map<string, string>, productCount: number): Promise<void> {
  const bar = progressBar('customers', SEED_CUSTOMERS.length);
  const searchers: Array<{ customer: SeedCustomer; auth: Record<string, string> }> = [];
  for (const customer of SEED_CUSTOMERS) {
    const auth = await signedUp(customer);
    await ensureAddress(customer, auth);
    await placeOrders(customer, auth, skus, productCount);
    if ((await searchesOf(auth)) === 0) searchers.push({ customer, auth });
    bar.tick();
  }
  bar.done(`${summary.customersCreated} registered, ${summary.addressesAdded} addresses, ${summary.ordersPlaced} orders placed`);
  await search(searchers);
}

/**
 * Logs the customer in, registering them first if the log-in is refused. Log-in first: the gateway
 * limits log-ins and registrations per address and registrations per email (a duplicate tells that
 * the email exists), so a second run spends one log-in per customer and nothing more.
 */
async function signedUp(customer: SeedCustomer): Promise<Record<string, string>> {
  const { email, name, password, locale } = customer;
  const logIn = () => call('POST', `${GATEWAY}/api/customers/login`, { body: { email, password } });
  let login = await expectStatus(logIn(), [200, 401], `logging in ${email}`);
  if (login.status === 401) {
    await expectStatus(
      call('POST', `${GATEWAY}/api/customers`, { body: { email, name, password, locale } }),
      [201],
      `registering ${email} (is it registered with another password?)`,
    );
    summary.customersCreated++;
    login = await expectStatus(logIn(), [200], `logging in ${email}`);
  }
  return { authorization: `Bearer ${LoginResponse.parse(login.body).accessToken}` };
}

async function ensureAddress(customer: SeedCustomer, auth: Record<string, string>): Promise<void> {
  const { body } = await expectStatus(
    call('GET', `${GATEWAY}/api/customers/me/addresses`, { headers: auth }),
    [200],
    `reading ${customer.email}'s addresses`,
  );
  if (body.addresses.length > 0) return;
  await expectStatus(
    call('POST', `${GATEWAY}/api/customers/me/addresses`, { body: customer.address, headers: auth }),
    [201],
    `adding ${customer.email}'s address`,
  );
  summary.addressesAdded++;
}

/**
 * Each order under an Idempotency-Key of its own, with lines picked by a PRNG seeded by that key:
 * a second run sends the same requests, and the order service answers the first orders again.
 */
async function placeOrders(
  customer: SeedCustomer,
  auth: Record<string, string>,
  skus: Map<string, string>,
  productCount: number,
): Promise<void> {
  const before = await orderCountOf(auth);
  for (let i = 0; i < customer.orders; i++) {
    const key = `seed-order-${customer.email}-${i}`;
    const items = linesOf(key, skus, productCount);
    // 409: out of stock by now (sold since the first run); the shop goes on without this order.
    // 422 on the key: an earlier seed of another size placed this order with other lines: it is there.
    if (items.length > 0) {
      const placed = await expectStatus(
        call('POST', `${GATEWAY}/api/orders`, { body: { items }, headers: { ...auth, 'idempotency-key': key } }),
        [201, 409, 422],
        `placing ${key}`,
      );
      if (placed.status === 422 && !isKeyReused(placed.body))
        throw new Error(`placing ${key}: answered 422 ${JSON.stringify(placed.body).slice(0, 500)}`);
    }
  }
  summary.ordersPlaced += (await orderCountOf(auth)) - before;
}

function isKeyReused(problem: { errors?: Array<{ field: string }> }): boolean {
  return problem.errors?.some((error) => error.field === 'idempotency-key') ?? false;
}

async function orderCountOf(auth: Record<string, string>): Promise<number> {
  let [count, cursor] = [0, null as string | null];
  do {
    const query = `?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { body } = await expectStatus(call('GET', `${GATEWAY}/api/orders${query}`, { headers: auth }), [200], 'listing orders');
    count += body.items.length;
    cursor = body.nextCursor;
  } while (cursor);
  return count;
}

/** One to three well-stocked seeded products, one or two of each. */
function linesOf(key: string, skus: Map<string, string>, productCount: number): Array<{ productId: string; quantity: number }> {
  const random = randomFrom(key);
  const picked = new Map<string, number>();
  for (let tries = 0; picked.size < random.int(1, 3) && tries < 20; tries++) {
    const product = seededProduct(random.int(0, productCount - 1));
    const id = skus.get(product.sku);
    if (id && product.stock >= 10) picked.set(id, random.int(1, 2));
  }
  return [...picked].map(([productId, quantity]) => ({ productId, quantity }));
}

async function searchesOf(auth: Record<string, string>): Promise<number> {
  const { body } = await expectStatus(
    call('GET', `${GATEWAY}/api/activity/me/timeline?kinds=search&limit=1`, { headers: auth }),
    [200],
    'reading a timeline',
  );
  return ActivityTimeline.parse(body).items.length;
}

/** Each customer's searches, then a wait until the activity service has them (so a second run sees them). */
async function search(searchers: Array<{ customer: SeedCustomer; auth: Record<string, string> }>): Promise<void> {
  const bar = progressBar(
    'searches',
    searchers.reduce((sum, s) => sum + s.customer.searches.length, 0),
  );
  for (const { customer, auth } of searchers) {
    for (const q of customer.searches) {
      await expectStatus(
        call('GET', `${GATEWAY}/api/catalog/search?q=${encodeURIComponent(q)}`, { headers: auth }),
        [200],
        `searching "${q}"`,
      );
      summary.searchesMade++;
      bar.tick();
    }
  }
  for (const { auth } of searchers) await untilRecorded(auth);
  bar.done(`${summary.searchesMade} searches made`);
}

async function untilRecorded(auth: Record<string, string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await searchesOf(auth)) === 0) {
    if (Date.now() > deadline) throw new Error('the activity service did not record the searches within a minute');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
