import { randomUUID } from 'node:crypto';
import type { CustomerLoggedInV1, OrderCreatedV1, PaymentStatusV1, ProductSearchedV1 } from '@pasar/contracts';

/** Valid messages of each topic the activity service records, with overridable fields. */
export function searchEvent(overrides: Partial<ProductSearchedV1> = {}): ProductSearchedV1 {
  return {
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(),
    customerId: randomUUID(), query: 'kopi susu', filters: { category: 'minuman' }, resultCount: 12, ...overrides,
  };
}

export function loginEvent(overrides: Partial<CustomerLoggedInV1> = {}): CustomerLoggedInV1 {
  return {
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(),
    customerId: randomUUID(), userAgent: 'Mozilla/5.0 (test)', ip: '203.0.113.7', ...overrides,
  };
}

export function orderEvent(overrides: Partial<OrderCreatedV1> = {}): OrderCreatedV1 {
  return {
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(),
    orderId: randomUUID(), customerId: randomUUID(),
    items: [
      { productId: randomUUID(), sku: 'KOPI-1', name: 'Kopi', quantity: 2, unitPrice: { amount: 15000, currency: 'IDR' } },
      { productId: randomUUID(), sku: 'TEH-1', name: 'Teh', quantity: 1, unitPrice: { amount: 10000, currency: 'IDR' } },
    ],
    total: { amount: 40000, currency: 'IDR' },
    shippingAddress: { recipient: 'Sari', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
    ...overrides,
  };
}

export function paymentEvent(overrides: Partial<PaymentStatusV1> = {}): PaymentStatusV1 {
  return {
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(),
    paymentId: randomUUID(), orderId: randomUUID(), customerId: randomUUID(),
    status: 'SUCCEEDED', amount: { amount: 40000, currency: 'IDR' }, ...overrides,
  };
}

/** An ISO time `offsetMs` after `base`. */
export function at(base: string | Date, offsetMs: number): string {
  return new Date(new Date(base).getTime() + offsetMs).toISOString();
}
