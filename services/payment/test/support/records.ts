import type { Pool } from '@pasar/postgres';

/** What the payment schema holds for one order: its payments and its payment-status messages. */
export function paymentRecords(poolOf: () => Pool) {
  const rowsOf = async (sql: string, orderId: string) => (await poolOf().query(sql, [orderId])).rows;
  return {
    paymentsOf: (orderId: string) => rowsOf('select * from payments where order_id = $1', orderId),
    statusMessagesOf: (orderId: string) => rowsOf(`select * from outbox where payload->>'orderId' = $1 order by id`, orderId),
  };
}
