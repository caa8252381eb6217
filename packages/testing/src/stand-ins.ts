import { randomUUID } from 'node:crypto';
import {
  AppId,
  getCustomer,
  getProducts,
  listProductPage,
  paymentStatusCallback,
  releaseStock,
  reserveStock,
  type Address,
  type CustomerProfile,
  type PaymentOutcome,
  type ProductSnapshot,
} from '@pasar/contracts';
import { AppError, createServiceApp, parseInput, sidecarCheck } from '@pasar/service-kit';
import express, { type Router } from 'express';
import { startAppWithSidecar, type AppUnderTest } from './app-under-test.ts';
import { aProductSnapshot } from './messages.ts';
import type { Broker } from './stack.ts';

/*
 * Stand-ins for the product, customer and order apps: under the real app ids, beside real sidecars,
 * they answer the same contracts from memory, which the test reads and edits. Their bookkeeping is
 * synchronous, so each call is atomic.
 */

export interface StandInOptions {
  broker: Broker;
  nameResolutionDb: string;
}

/** An app that is ready while its sidecar is and answers `routes`, under `appId`. */
export function startStandInApp(options: StandInOptions & { appId: string; routes: Router }): Promise<AppUnderTest> {
  const { routes, ...appOptions } = options;
  return startAppWithSidecar({
    ...appOptions,
    build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) }),
  });
}

export interface ProductStandIn {
  app: AppUnderTest;
  /** What it answers, by id; a test may change it at any time. A reservation takes from `stock`. */
  products: Map<string, ProductSnapshot>;
  calls: { getProducts: number; listProductPage: number };
  put(product: ProductSnapshot): ProductSnapshot;
  /** A product for sale at 15.000 rupiah, 100 in stock unless overridden. */
  addProduct(overrides?: Partial<ProductSnapshot>): ProductSnapshot;
  stockOf(productId: string): number;
  reservationOf(orderId: string): 'RESERVED' | 'RELEASED' | undefined;
  stop(): Promise<void>;
}

interface Reservation {
  state: 'RESERVED' | 'RELEASED';
  lines: Map<string, number>;
}

/** The product app: getProducts, listProductPage (by id), reserveStock and releaseStock. */
export async function startProductStandIn(options: StandInOptions & { products?: ProductSnapshot[] }): Promise<ProductStandIn> {
  const products = new Map((options.products ?? []).map((product) => [product.id, product]));
  const reservations = new Map<string, Reservation>();
  const calls = { getProducts: 0, listProductPage: 0 };
  const addStock = (productId: string, quantity: number) => {
    const product = products.get(productId);
    if (product) products.set(productId, { ...product, stock: product.stock + quantity });
  };

  const routes = express.Router();
  routes.post(getProducts.path, (req, res) => {
    const { ids } = parseInput(getProducts.body, req.body, 'body');
    calls.getProducts++;
    res.json({ products: ids.flatMap((id) => products.get(id) ?? []), missing: ids.filter((id) => !products.has(id)) });
  });
  routes.post(listProductPage.path, (req, res) => {
    const { cursor, limit } = parseInput(listProductPage.body, req.body, 'body');
    calls.listProductPage++;
    const sorted = [...products.values()].sort((a, b) => a.id.localeCompare(b.id));
    const page = sorted.filter((p) => cursor === null || p.id > cursor).slice(0, limit);
    const last = page.at(-1);
    res.json({ products: page, nextCursor: page.length === limit && last && last.id !== sorted.at(-1)?.id ? last.id : null });
  });
  routes.post(reserveStock.path, (req, res) => {
    const { orderId, items } = parseInput(reserveStock.body, req.body, 'body');
    const existing = reservations.get(orderId);
    if (existing?.state === 'RESERVED') return void res.json({ orderId, status: 'RESERVED' });
    if (existing?.state === 'RELEASED') throw AppError.conflict(`order ${orderId} was released already`);
    const lines = new Map<string, number>();
    for (const item of items) lines.set(item.productId, (lines.get(item.productId) ?? 0) + item.quantity);
    const short = items.findIndex((item) => {
      const product = products.get(item.productId);
      return !product?.active || product.stock < lines.get(item.productId)!;
    });
    if (short >= 0) {
      throw new AppError(409, 'Conflict', {
        detail: 'Out of stock',
        fieldErrors: [{ field: `items.${short}.productId`, message: 'not enough stock' }],
      });
    }
    for (const [productId, quantity] of lines) addStock(productId, -quantity);
    reservations.set(orderId, { state: 'RESERVED', lines });
    res.json({ orderId, status: 'RESERVED' });
  });
  routes.post(releaseStock.path, (req, res) => {
    const { orderId } = parseInput(releaseStock.params, req.params, 'params');
    const reservation = reservations.get(orderId);
    if (reservation?.state === 'RESERVED') for (const [productId, quantity] of reservation.lines) addStock(productId, quantity);
    reservations.set(orderId, { state: 'RELEASED', lines: reservation?.lines ?? new Map() });
    res.json({ orderId, status: 'RELEASED' });
  });

  const app = await startStandInApp({ ...options, appId: AppId.product, routes });
  const put = (product: ProductSnapshot) => (products.set(product.id, product), product);
  return {
    app,
    products,
    calls,
    put,
    addProduct(overrides = {}) {
      const id = overrides.id ?? randomUUID();
      return put(
        aProductSnapshot({
          id,
          sku: `SKU-${id.slice(0, 8)}`,
          name: `Product ${id.slice(0, 8)}`,
          description: 'a test product',
          category: 'test',
          price: { amount: 15_000, currency: 'IDR' },
          stock: 100,
          images: [],
          ...overrides,
        }),
      );
    },
    stockOf: (productId) => products.get(productId)?.stock ?? 0,
    reservationOf: (orderId) => reservations.get(orderId)?.state,
    stop: () => app.stop(),
  };
}

export interface CustomerStandIn {
  app: AppUnderTest;
  /** What it answers, by id; shared with a stand-in started again on the same map. */
  customers: Map<string, CustomerProfile>;
  addCustomer(defaultAddress?: Address | null): CustomerProfile;
  stop(): Promise<void>;
}

const anAddress: Address = { recipient: 'Siti Rahma', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' };

/** The customer app: getCustomer, 404 for a customer it does not know. */
export async function startCustomerStandIn(
  options: StandInOptions & { customers?: Map<string, CustomerProfile> },
): Promise<CustomerStandIn> {
  const customers = options.customers ?? new Map<string, CustomerProfile>();
  const routes = express.Router();
  routes.get(getCustomer.path, (req, res) => {
    const { customerId } = parseInput(getCustomer.params, req.params, 'params');
    const customer = customers.get(customerId);
    if (!customer) throw AppError.notFound(`Customer ${customerId} does not exist`);
    res.json(customer);
  });
  const app = await startStandInApp({ broker: options.broker, nameResolutionDb: options.nameResolutionDb, appId: AppId.customer, routes });
  return {
    app,
    customers,
    addCustomer(defaultAddress = anAddress) {
      const id = randomUUID();
      const customer: CustomerProfile = {
        id,
        name: 'Siti Rahma',
        email: `siti-${id.slice(0, 8)}@example.com`,
        locale: 'id',
        defaultAddress,
      };
      customers.set(id, customer);
      return customer;
    },
    stop: () => app.stop(),
  };
}

export interface RecordedCallback {
  orderId: string;
  paymentId: string;
  status: PaymentOutcome;
  reason?: string | undefined;
}

export interface OrderStandIn {
  app: AppUnderTest;
  received: RecordedCallback[];
  /** The next `count` callbacks fail with `status` (default 503: failing; 409: refused). */
  failNext(count: number, status?: number): void;
  stop(): Promise<void>;
}

/** The order app's paymentStatusCallback: it records each callback it takes. */
export async function startOrderStandIn(options: StandInOptions): Promise<OrderStandIn> {
  const received: RecordedCallback[] = [];
  let failures = { left: 0, status: 503 };
  const routes = express.Router();
  routes.post(paymentStatusCallback.path, (req, res) => {
    const { orderId } = parseInput(paymentStatusCallback.params, req.params, 'params');
    const body = parseInput(paymentStatusCallback.body, req.body, 'body');
    if (failures.left > 0) {
      failures.left--;
      throw new AppError(failures.status, 'Simulated failure', { detail: `order stand-in answers ${failures.status}` });
    }
    received.push({ orderId, ...body });
    res.json({ orderId, status: body.status === 'SUCCEEDED' ? 'PAID' : 'CANCELLED' });
  });
  const app = await startStandInApp({ ...options, appId: AppId.order, routes });
  return {
    app,
    received,
    failNext: (count, status = 503) => {
      failures = { left: count, status };
    },
    stop: () => app.stop(),
  };
}
