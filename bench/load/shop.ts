/**
 * `npm run load`: a shop-shaped load through the gateway of a running system (`npm start`, seeded
 * with `npm run seed`), from the load generator's own process. Five steps at once, each at its share
 * of --rate: browsing, searching (typos, facets, suggestions), cart changes, checkouts (add to cart,
 * then order from the cart) and log-ins. Prints each step's throughput, p50/p95/p99 and errors, and
 * the memory (PSS, private) of every app and daprd idle and under the load; exits 1 when a step's
 * errors exceed the budget.
 *
 *   npm run load -- [--rate 20] [--duration 30] [--error-budget 0.01] [--json file]
 *
 * Every request comes from this machine's one address: start the system with the gateway's
 * per-address limits raised, or they refuse most of it (it says so):
 *   RATE_LIMIT_PER_MINUTE=1000000 AUTH_ATTEMPTS_PER_ADDRESS=1000000 npm start -- --detach --seed
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { call, expectStatus } from '../../scripts/seed/http.ts';
import { SEED_CUSTOMERS } from '../../scripts/seed/people.ts';
import { errorShare, printStepTable, type StepFigures } from './figures.ts';
import { runLoadPlan } from './generator.ts';
import { memoryOfRunningSystem, printMemoryTable } from './memory.ts';
import { shopSteps, type Shop } from './shop-scenario.ts';

const LIMITS = { rate: [1, 500], duration: [5, 300] } as const;
const GATEWAY = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '30' },
    'error-budget': { type: 'string', default: '0.01' },
    json: { type: 'string' },
  },
});
const rate = bounded('rate', Number(values.rate), LIMITS.rate);
const durationSeconds = bounded('duration', Number(values.duration), LIMITS.duration);
const errorBudget = Number(values['error-budget']);

const shop = await prepareShop().catch((error: unknown) => {
  console.error(
    `cannot prepare the shoppers: ${(error as Error).message}\n(is the system running and seeded? npm start -- --detach --seed)`,
  );
  process.exit(2);
});
const idleMemory = memoryOfRunningSystem();
let loadedMemory = idleMemory;
const sampler = setTimeout(() => (loadedMemory = memoryOfRunningSystem()), (durationSeconds * 1000) / 2 + 2000);
console.log(`shop load through ${GATEWAY}: ${rate} requests/s for ${durationSeconds} s (autocannon in its own process)`);
const steps = await runLoadPlan({ baseUrl: GATEWAY, durationSeconds, warmupSeconds: 2, timeoutSeconds: 10, steps: shopSteps(shop, rate) });
clearTimeout(sampler);

printStepTable(steps);
console.log('\nmemory (MiB), idle, then at mid-run:');
printMemoryTable(idleMemory, loadedMemory);
if (values.json)
  writeFileSync(
    values.json,
    JSON.stringify({ rate, durationSeconds, steps, memory: { idle: idleMemory, underLoad: loadedMemory } }, null, 2),
  );
explainRateLimits(steps);
const broken = steps.filter((step) => errorShare(step) > errorBudget);
for (const step of broken) console.log(`error budget broken: ${step.name} ${(100 * errorShare(step)).toFixed(1)}% > ${100 * errorBudget}%`);
process.exit(broken.length > 0 ? 1 : 0);

/** Who shops and what there is: the seeded customers' tokens and some products in stock. */
async function prepareShop(): Promise<Shop> {
  const page = await expectStatus(
    call('GET', `${GATEWAY}/api/products?limit=100`),
    [200],
    'listing products (is npm start running and seeded?)',
  );
  const products = (page.body.products as Array<{ id: string; name: string; stock: number }>).filter((p) => p.stock >= 50);
  if (products.length < 5) throw new Error('fewer than 5 products with stock: run npm run seed first');
  const tokens: string[] = [];
  for (const customer of SEED_CUSTOMERS) {
    const login = await expectStatus(
      call('POST', `${GATEWAY}/api/customers/login`, { body: { email: customer.email, password: customer.password } }),
      [200],
      `logging in ${customer.email}`,
    );
    tokens.push(login.body.accessToken as string);
  }
  return { productIds: products.map((p) => p.id), names: products.map((p) => p.name), tokens };
}

function explainRateLimits(steps: StepFigures[]): void {
  const refused = steps.reduce((sum, step) => sum + (step.statuses['429'] ?? 0), 0);
  if (refused === 0) return;
  console.log(
    `${refused} requests were refused by the gateway's per-address limits (429): every request here comes from one address. ` +
      'Start the system with RATE_LIMIT_PER_MINUTE=1000000 AUTH_ATTEMPTS_PER_ADDRESS=1000000 npm start -- --detach',
  );
}

function bounded(name: string, value: number, [min, max]: readonly [number, number]): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}
