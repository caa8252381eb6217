import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '@pasar/contracts';
import type { OrdersRepository, StatusChangeRecord } from '../../src/data-access/orders-repository.ts';
import type { Order } from '../../src/domain/order.ts';

/** An order of two lines awaiting its payment, placed now by a customer of its own; override what the test is about. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  const placedAt = overrides.createdAt ?? new Date();
  return {
    id: randomUUID(),
    customerId: randomUUID(),
    status: 'PENDING_PAYMENT',
    items: [
      { productId: randomUUID(), sku: 'KOPI-1', name: 'Kopi', quantity: 2, unitPrice: { amount: 15_000, currency: 'IDR' } },
      { productId: randomUUID(), sku: 'TEH-1', name: 'Teh', quantity: 1, unitPrice: { amount: 7_500, currency: 'IDR' } },
    ],
    total: { amount: 37_500, currency: 'IDR' },
    shippingAddress: { recipient: 'Siti', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
    paymentId: null,
    failureReason: null,
    idempotencyKey: null,
    requestHash: 'h',
    cartRevision: null,
    stockReleasedAt: null,
    createdAt: placedAt,
    updatedAt: placedAt,
    ...overrides,
  };
}

type MemoryOrders = Pick<OrdersRepository, 'findById' | 'changeStatus' | 'markStockReleased' | 'list' | 'statusHistoryOf'>;

/**
 * The orders store in memory, as far as the lifecycle and staff's administration use it: a status
 * changes only from the one expected (as the repository's conditional update), and each change is
 * kept in the order's history, the audit entry of the staff action that made it (if any) in `audited`.
 */
export function memoryOrders(...placed: Order[]) {
  const byId = new Map(placed.map((order) => [order.id, structuredClone(order)]));
  const audited: AuditEntry[] = [];
  const history = new Map<string, StatusChangeRecord[]>(placed.map((order) => [order.id, [{ status: order.status, at: order.createdAt }]]));
  const orders: MemoryOrders = {
    findById: async (id) => structuredClone(byId.get(id)),
    async changeStatus(id, from, to, change = {}) {
      const order = byId.get(id);
      if (order?.status !== from) return undefined;
      Object.assign(order, { status: to, updatedAt: new Date() });
      if (change.paymentId) order.paymentId = change.paymentId;
      if (change.failureReason) order.failureReason = change.failureReason;
      history.get(id)!.push({ status: to, at: order.updatedAt });
      if (change.audit) audited.push(change.audit);
      return structuredClone(order);
    },
    async markStockReleased(id) {
      const order = byId.get(id);
      if (order && !order.stockReleasedAt) order.stockReleasedAt = new Date();
    },
    list: async () => [...byId.values()].map((order) => structuredClone(order)),
    statusHistoryOf: async (id) => structuredClone(history.get(id) ?? []),
  };
  return { orders, history, audited };
}
