/**
 * Placing orders through the order service and its Dapr hops (client -> order sidecar -> order ->
 * customer and product sidecars -> PostgreSQL commit with the outbox), with the real payment app
 * and its provider simulator behind: throughput and p50/p99 of POST /orders at a fixed concurrency,
 * then the time from the order's creation (just before its commit) to its payment status being
 * applied (order-created through the outbox and broker, payment, webhook, callback).
 */
import { eventually, printLoadTable, runLoad } from '@pasar/testing';
import { startSystem } from '../tests/support/order-system.ts';

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const providerDelayMs = process.env.BENCH_PROVIDER_DELAY_MS ?? '0';
const broker = 'redis';

const system = await startSystem({ broker, paymentEnv: { PROVIDER_DELAY_MS: providerDelayMs } });
try {
  console.log(
    `place order: POST /orders through the order sidecar, concurrency ${concurrency}, ${requests} requests, broker ${broker}, ` +
      `provider simulator delay ${providerDelayMs} ms, 1 line per order, pg pool 10 per app`,
  );
  const customers = Array.from({ length: 50 }, () => system.customer.addCustomer());
  const products = Array.from({ length: 20 }, () => system.product.addProduct({ stock: 1_000_000 }));
  let n = 0;
  const place = async () => {
    const i = n++;
    const response = await system.orders('POST', '/orders', {
      customerId: customers[i % customers.length]!.id,
      body: { items: [{ productId: products[i % products.length]!.id, quantity: 1 }] },
    });
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(String(response.status));
  };
  const result = await runLoad('POST /orders (201)', place, { concurrency, requests });
  printLoadTable([result]);

  const total = Number((await system.orderSchema.pool.query('select count(*) from orders')).rows[0].count);
  await eventually(
    async () => {
      const { rows } = await system.orderSchema.pool.query(`select count(*) from orders where status <> 'PENDING_PAYMENT'`);
      if (Number(rows[0].count) < total) throw new Error(`${rows[0].count}/${total} settled`);
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  // Each stage of the way from the order's commit to its payment status, joined by order id.
  const { rows: orders } = await system.orderSchema.pool.query<{ id: string; created: number; published: number; applied: number }>(
    `select o.id, extract(epoch from o.created_at) * 1000 as created, extract(epoch from x.published_at) * 1000 as published,
            extract(epoch from o.updated_at) * 1000 as applied
     from orders o join outbox x on x.payload->>'orderId' = o.id::text where o.status = 'PAID'`,
  );
  const { rows: payments } = await system.paymentSchema!.pool.query<{ order_id: string; created: number; final: number }>(
    `select order_id, extract(epoch from created_at) * 1000 as created, extract(epoch from finalized_at) * 1000 as final from payments`,
  );
  const paymentOf = new Map(payments.map((p) => [p.order_id, p]));
  const stages = {
    total: [] as number[],
    outbox: [] as number[],
    broker: [] as number[],
    provider: [] as number[],
    callback: [] as number[],
  };
  for (const o of orders) {
    const p = paymentOf.get(o.id);
    if (!p) continue;
    stages.total.push(o.applied - o.created);
    stages.outbox.push(o.published - o.created);
    stages.broker.push(p.created - o.published);
    stages.provider.push(p.final - p.created);
    stages.callback.push(o.applied - p.final);
  }
  const line = (name: string, values: number[]) => {
    values.sort((a, b) => a - b);
    const at = (q: number) => (values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0).toFixed(0).padStart(7);
    console.log(`${name.padEnd(52)} p50 ${at(0.5)} ms  p99 ${at(0.99)} ms`);
  };
  console.log(`order created -> payment status applied, ${stages.total.length} PAID orders:`);
  line('  total (order created -> order PAID)', stages.total);
  line('  order outbox: created -> published', stages.outbox);
  line('  broker: published -> payment row created', stages.broker);
  line(`  provider simulator (delay ${providerDelayMs} ms): charge -> webhook applied`, stages.provider);
  line('  callback: payment final -> order PAID', stages.callback);
} finally {
  await system.stop();
}
