import { randomUUID } from 'node:crypto';
import type { OrderCreatedV1 } from '@pasar/contracts';
import type { Pool } from '@pasar/postgres';

/** An order-created message of one line for `amount` rupiah (the simulator decides by its last two digits). */
export function orderCreatedFor(amount: number): OrderCreatedV1 {
  return {
    eventId: randomUUID(), version: 1, occurredAt: new Date().toISOString(), orderId: randomUUID(), customerId: randomUUID(),
    items: [{ productId: randomUUID(), sku: 'SKU-1', name: 'Kopi', quantity: 1, unitPrice: { amount, currency: 'IDR' } }],
    total: { amount, currency: 'IDR' },
    shippingAddress: { recipient: 'Siti', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
  };
}

/** What the payment schema holds for one order: its payments and its payment-status messages. */
export function paymentRecords(poolOf: () => Pool) {
  const rowsOf = async (sql: string, orderId: string) => (await poolOf().query(sql, [orderId])).rows;
  return {
    paymentsOf: (orderId: string) => rowsOf('select * from payments where order_id = $1', orderId),
    statusMessagesOf: (orderId: string) => rowsOf(`select * from outbox where payload->>'orderId' = $1 order by id`, orderId),
  };
}
