import { randomUUID } from 'node:crypto';
import type { OrderCreatedV1, PaymentStatusV1 } from '@pasar/contracts';
import { orderEvent, paymentEvent } from '@pasar/testing';

/** 162.500 rupiah in two lines, one with markup in its name (the mail must escape it). */
export function anOrder(customerId: string, overrides: Partial<OrderCreatedV1> = {}): OrderCreatedV1 {
  return orderEvent({
    customerId,
    items: [
      { productId: randomUUID(), sku: 'KOPI-GAYO', name: 'Kopi Gayo 250 g', quantity: 2, unitPrice: { amount: 75_000, currency: 'IDR' } },
      { productId: randomUUID(), sku: 'TEH-1', name: 'Teh <Melati>', quantity: 1, unitPrice: { amount: 12_500, currency: 'IDR' } },
    ],
    total: { amount: 162_500, currency: 'IDR' },
    ...overrides,
  });
}

export function aPayment(customerId: string, status: PaymentStatusV1['status'], overrides: Partial<PaymentStatusV1> = {}): PaymentStatusV1 {
  return paymentEvent({
    customerId,
    status,
    amount: { amount: 162_500, currency: 'IDR' },
    ...(status === 'FAILED' && { reason: 'card declined' }),
    ...(status === 'REFUNDED' && { reason: 'the order was cancelled before the payment arrived' }),
    ...overrides,
  });
}
