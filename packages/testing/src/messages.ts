import { randomUUID } from 'node:crypto';
import {
  newEnvelope,
  type CustomerLoggedInV1,
  type OrderCreatedV1,
  type PaymentStatusV1,
  type ProductChangedV1,
  type ProductSearchedV1,
  type ProductSnapshot,
} from '@pasar/contracts';

/** A valid product snapshot, as the product service answers and announces it; override what the test is about. */
export function aProductSnapshot(overrides: Partial<ProductSnapshot> = {}): ProductSnapshot {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    sku: `SKU-${randomUUID().slice(0, 8).toUpperCase()}`,
    name: 'Teh Melati',
    description: 'Teh hijau dengan bunga melati.',
    category: 'minuman',
    price: { amount: 25_000, currency: 'IDR' },
    stock: 10,
    images: ['https://img.example/teh.jpg'],
    active: true,
    attributes: {},
    createdAt: now,
    updatedAt: now,
    revision: 1,
    ...overrides,
  };
}

/* Valid messages of each topic, happening now under a fresh event id, with overridable fields. */

export function productChangedEvent(product: ProductSnapshot, change: ProductChangedV1['change'] = 'updated'): ProductChangedV1 {
  return { ...newEnvelope(1), change, productId: product.id, revision: product.revision, product };
}

export function productDeletedEvent(productId: string, revision: number): ProductChangedV1 {
  return { ...newEnvelope(1), change: 'deleted', productId, revision, product: null };
}

export function searchEvent(overrides: Partial<ProductSearchedV1> = {}): ProductSearchedV1 {
  return {
    ...newEnvelope(1),
    customerId: randomUUID(),
    query: 'kopi susu',
    filters: { category: 'minuman' },
    resultCount: 12,
    ...overrides,
  };
}

export function loginEvent(overrides: Partial<CustomerLoggedInV1> = {}): CustomerLoggedInV1 {
  return { ...newEnvelope(1), customerId: randomUUID(), userAgent: 'Mozilla/5.0 (test)', ip: '203.0.113.7', ...overrides };
}

/** Two lines, 40.000 rupiah in all. */
export function orderEvent(overrides: Partial<OrderCreatedV1> = {}): OrderCreatedV1 {
  return {
    ...newEnvelope(1),
    orderId: randomUUID(),
    customerId: randomUUID(),
    items: [
      { productId: randomUUID(), sku: 'KOPI-1', name: 'Kopi', quantity: 2, unitPrice: { amount: 15000, currency: 'IDR' } },
      { productId: randomUUID(), sku: 'TEH-1', name: 'Teh', quantity: 1, unitPrice: { amount: 10000, currency: 'IDR' } },
    ],
    total: { amount: 40000, currency: 'IDR' },
    shippingAddress: { recipient: 'Sari', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
    ...overrides,
  };
}

/** An order of one line whose total is `amount` rupiah. */
export function oneLineOrderEvent(amount: number, line: { sku?: string; name?: string } = {}): OrderCreatedV1 {
  const { sku = 'SKU-1', name = 'Kopi' } = line;
  return orderEvent({
    items: [{ productId: randomUUID(), sku, name, quantity: 1, unitPrice: { amount, currency: 'IDR' } }],
    total: { amount, currency: 'IDR' },
  });
}

export function paymentEvent(overrides: Partial<PaymentStatusV1> = {}): PaymentStatusV1 {
  return {
    ...newEnvelope(1),
    paymentId: randomUUID(),
    orderId: randomUUID(),
    customerId: randomUUID(),
    status: 'SUCCEEDED',
    amount: { amount: 40000, currency: 'IDR' },
    ...overrides,
  };
}
