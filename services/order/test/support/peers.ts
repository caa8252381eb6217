import { randomUUID } from 'node:crypto';
import {
  AppId, getCustomer, getProducts, releaseStock, reserveStock, type Address, type CustomerProfile, type ProductSnapshot,
} from '@pasar/contracts';
import { AppError, createServiceApp, parseInput, sidecarCheck } from '@pasar/service-kit';
import { startAppWithSidecar, type AppUnderTest, type Broker } from '@pasar/testing';
import express from 'express';

/**
 * Stand-ins for the product and customer apps: they answer the same contracts from memory, under
 * the real app ids, beside real sidecars. Synchronous bookkeeping keeps each reservation atomic.
 */
export interface ProductPeer {
  app: AppUnderTest;
  addProduct(overrides?: Partial<ProductSnapshot> & { stock?: number }): ProductSnapshot;
  /** Changes a product as its owner would (a new price, withdrawn from sale, ...). */
  changeProduct(productId: string, change: Partial<Omit<ProductSnapshot, 'id' | 'stock'>>): void;
  stockOf(productId: string): number;
  reservationOf(orderId: string): 'RESERVED' | 'RELEASED' | undefined;
  stop(): Promise<void>;
}

interface Reservation {
  state: 'RESERVED' | 'RELEASED';
  lines: Map<string, number>;
}

export async function startProductPeer(options: { broker: Broker; nameResolutionDb: string }): Promise<ProductPeer> {
  const products = new Map<string, ProductSnapshot>();
  const stock = new Map<string, number>();
  const reservations = new Map<string, Reservation>();

  const routes = express.Router();
  routes.post(getProducts.path, (req, res) => {
    const { ids } = parseInput(getProducts.body, req.body, 'body');
    const found = ids.flatMap((id) => (products.has(id) ? [{ ...products.get(id)!, stock: stock.get(id) ?? 0 }] : []));
    res.json({ products: found, missing: ids.filter((id) => !products.has(id)) });
  });
  routes.post(reserveStock.path, (req, res) => {
    const { orderId, items } = parseInput(reserveStock.body, req.body, 'body');
    const existing = reservations.get(orderId);
    if (existing?.state === 'RESERVED') return void res.json({ orderId, status: 'RESERVED' });
    if (existing?.state === 'RELEASED') throw AppError.conflict(`order ${orderId} was released already`);
    const lines = new Map<string, number>();
    for (const item of items) lines.set(item.productId, (lines.get(item.productId) ?? 0) + item.quantity);
    const short = items.findIndex((item) => !products.get(item.productId)?.active || (stock.get(item.productId) ?? 0) < lines.get(item.productId)!);
    if (short >= 0) {
      throw new AppError(409, 'Conflict', { detail: 'Out of stock', fieldErrors: [{ field: `items.${short}.productId`, message: 'not enough stock' }] });
    }
    for (const [productId, quantity] of lines) stock.set(productId, stock.get(productId)! - quantity);
    reservations.set(orderId, { state: 'RESERVED', lines });
    res.json({ orderId, status: 'RESERVED' });
  });
  routes.post(releaseStock.path, (req, res) => {
    const { orderId } = parseInput(releaseStock.params, req.params, 'params');
    const reservation = reservations.get(orderId);
    if (reservation?.state === 'RESERVED') {
      for (const [productId, quantity] of reservation.lines) stock.set(productId, (stock.get(productId) ?? 0) + quantity);
    }
    reservations.set(orderId, { state: 'RELEASED', lines: reservation?.lines ?? new Map() });
    res.json({ orderId, status: 'RELEASED' });
  });

  const app = await startAppWithSidecar({
    appId: AppId.product,
    broker: options.broker,
    nameResolutionDb: options.nameResolutionDb,
    build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) }),
  });

  return {
    app,
    addProduct(overrides = {}) {
      const { stock: units = 100, ...fields } = overrides;
      const now = new Date().toISOString();
      const id = fields.id ?? randomUUID();
      const product: ProductSnapshot = {
        id, sku: `SKU-${id.slice(0, 8)}`, name: `Product ${id.slice(0, 8)}`, description: 'a test product', category: 'test',
        price: { amount: 15_000, currency: 'IDR' }, stock: units, images: [], active: true, attributes: {}, createdAt: now, updatedAt: now, revision: 1,
        ...fields,
      };
      products.set(id, product);
      stock.set(id, units);
      return product;
    },
    changeProduct(productId, change) {
      products.set(productId, { ...products.get(productId)!, ...change });
    },
    stockOf: (productId) => stock.get(productId) ?? 0,
    reservationOf: (orderId) => reservations.get(orderId)?.state,
    stop: () => app.stop(),
  };
}

export interface CustomerPeer {
  app: AppUnderTest;
  addCustomer(defaultAddress?: Address | null): CustomerProfile;
  stop(): Promise<void>;
}

export const anAddress: Address = { recipient: 'Siti Rahma', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' };

export async function startCustomerPeer(options: { broker: Broker; nameResolutionDb: string }): Promise<CustomerPeer> {
  const customers = new Map<string, CustomerProfile>();
  const routes = express.Router();
  routes.get(getCustomer.path, (req, res) => {
    const { customerId } = parseInput(getCustomer.params, req.params, 'params');
    const customer = customers.get(customerId);
    if (!customer) throw AppError.notFound(`Customer ${customerId} does not exist`);
    res.json(customer);
  });
  const app = await startAppWithSidecar({
    appId: AppId.customer,
    broker: options.broker,
    nameResolutionDb: options.nameResolutionDb,
    build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) }),
  });
  return {
    app,
    addCustomer(defaultAddress = anAddress) {
      const id = randomUUID();
      const customer: CustomerProfile = { id, name: 'Siti Rahma', email: `siti-${id.slice(0, 8)}@example.com`, locale: 'id', defaultAddress };
      customers.set(id, customer);
      return customer;
    },
    stop: () => app.stop(),
  };
}
