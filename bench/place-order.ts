/**
 * Placing orders through the order service and its Dapr hops (client -> order sidecar -> order ->
 * customer and product sidecars -> PostgreSQL commit with the outbox), with the real payment app
 * and its provider simulator behind, at steady rates (BENCH_ORDER_RATES, 50 first, BENCH_SECONDS
 * each) sent by the load generator in a process of its own (bench/load). For each rate: POST /orders
 * throughput and p50/p99, then the time from each order's creation (just before its commit) to its
 * payment status being applied (order-created through the outbox and broker, payment, webhook,
 * callback), by stage. The rates go up until created -> PAID p99 reaches 2 s or the rate is not kept;
 * it prints the highest steady rate whose p99 stayed under 2 s.
 */
import { CUSTOMER_ID_HEADER, AppId } from '@pasar/contracts';
import { eventually } from '@pasar/testing';
import { startSystem } from '../tests/support/order-system.ts';
import { printStepTable, quantile, type StepFigures } from './load/figures.ts';
import { measure, type LoadRequest } from './load/generator.ts';
import { recordFigures } from './load/report.ts';

const rates = (process.env.BENCH_ORDER_RATES ?? '50,75,100,150,200').split(',').map(Number);
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const providerDelayMs = process.env.BENCH_PROVIDER_DELAY_MS ?? '0';
const broker = 'redis';
const P99_LIMIT_MS = 2000;

const system = await startSystem({ broker, paymentEnv: { PROVIDER_DELAY_MS: providerDelayMs } });
try {
  console.log(
    `place order: POST /orders through the order sidecar at steady rates ${rates.join(', ')}/s, ${durationSeconds} s each, broker ${broker}, ` +
      `provider simulator delay ${providerDelayMs} ms, 1 line per order, pg pool 10 per app`,
  );
  const customers = Array.from({ length: 50 }, () => system.customer.addCustomer());
  const products = Array.from({ length: 20 }, () => system.product.addProduct({ stock: 1_000_000 }));
  const requests: LoadRequest[] = customers.map((customer, i) => ({
    method: 'POST',
    path: `/v1.0/invoke/${AppId.order}/method/orders`,
    headers: { [CUSTOMER_ID_HEADER]: customer.id },
    body: { items: [{ productId: products[i % products.length]!.id, quantity: 1 }] },
  }));
  const results: Array<{ rate: number; placing: StepFigures; createdToPaid: Record<string, { p50Ms: number; p99Ms: number }> }> = [];
  let highestUnderLimit: number | undefined;
  for (const rate of rates) {
    const since = Date.now();
    const placing = await measure(
      system.order.sidecar.url,
      { name: `POST /orders at ${rate}/s`, connections: 32, rate, requests },
      { durationSeconds, warmupSeconds: 0 },
    );
    printStepTable([placing]);
    const createdToPaid = await stagesSince(since);
    results.push({ rate, placing, createdToPaid });
    const kept = placing.perSecond >= 0.9 * rate && placing.errors === 0;
    if (kept && createdToPaid.total!.p99Ms < P99_LIMIT_MS) highestUnderLimit = rate;
    if (!kept || createdToPaid.total!.p99Ms >= P99_LIMIT_MS) break;
  }
  const at50 = results.find((r) => r.rate === 50);
  if (at50)
    console.log(`created -> PAID p99 at a steady 50 orders/s: ${at50.createdToPaid.total!.p99Ms.toFixed(0)} ms (target: at most 1000 ms)`);
  console.log(
    `highest steady rate with created -> PAID p99 under ${P99_LIMIT_MS} ms: ${highestUnderLimit ?? 'none of'} ${highestUnderLimit ? 'orders/s' : rates.join(', ')}`,
  );
  recordFigures('place-order', { results, highestRateUnder2sP99: highestUnderLimit ?? null });
} finally {
  await system.stop();
}

/** Each stage of the way from an order's commit to its payment status, for the orders created since `sinceMs`. */
async function stagesSince(sinceMs: number): Promise<Record<string, { p50Ms: number; p99Ms: number }>> {
  const since = sinceMs / 1000;
  await eventually(
    async () => {
      const { rows } = await system.orderSchema.pool.query(
        `select count(*) from orders where created_at >= to_timestamp($1) and status = 'PENDING_PAYMENT'`,
        [since],
      );
      if (Number(rows[0].count) > 0) throw new Error(`${rows[0].count} not settled yet`);
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );
  const { rows: orders } = await system.orderSchema.pool.query<{ id: string; created: number; published: number; applied: number }>(
    `select o.id, extract(epoch from o.created_at) * 1000 as created, extract(epoch from x.published_at) * 1000 as published,
            extract(epoch from o.updated_at) * 1000 as applied
     from orders o join outbox x on x.payload->>'orderId' = o.id::text where o.status = 'PAID' and o.created_at >= to_timestamp($1)`,
    [since],
  );
  const { rows: payments } = await system.paymentSchema!.pool.query<{ order_id: string; created: number; final: number }>(
    `select order_id, extract(epoch from created_at) * 1000 as created, extract(epoch from finalized_at) * 1000 as final from payments`,
  );
  const paymentOf = new Map(payments.map((p) => [p.order_id, p]));
  const stages: Record<string, number[]> = { total: [], outbox: [], broker: [], provider: [], callback: [] };
  for (const o of orders) {
    const p = paymentOf.get(o.id);
    if (!p) continue;
    stages.total!.push(o.applied - o.created);
    stages.outbox!.push(o.published - o.created);
    stages.broker!.push(p.created - o.published);
    stages.provider!.push(p.final - p.created);
    stages.callback!.push(o.applied - p.final);
  }
  const names: Record<string, string> = {
    total: 'total (order created -> order PAID)',
    outbox: 'order outbox: created -> published',
    broker: 'broker: published -> payment row created',
    provider: `provider simulator (delay ${providerDelayMs} ms): charge -> webhook applied`,
    callback: 'callback: payment final -> order PAID',
  };
  console.log(`order created -> payment status applied, ${stages.total!.length} PAID orders:`);
  const figures: Record<string, { p50Ms: number; p99Ms: number }> = {};
  for (const [stage, values] of Object.entries(stages)) {
    values.sort((a, b) => a - b);
    figures[stage] = { p50Ms: quantile(values, 0.5), p99Ms: quantile(values, 0.99) };
    console.log(
      `  ${names[stage]!.padEnd(52)} p50 ${figures[stage].p50Ms.toFixed(0).padStart(7)} ms  p99 ${figures[stage].p99Ms.toFixed(0).padStart(7)} ms`,
    );
  }
  return figures;
}
