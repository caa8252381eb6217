import type { Logger } from '@pasar/service-kit';
import type { OrdersRepository } from '../data-access/orders-repository.ts';
import type { OrderLifecycle } from '../domain/order-lifecycle.ts';

const BATCH = 100;

/**
 * Every interval: cancels orders left waiting for their payment longer than the timeout, and
 * finishes cancellations whose stock release failed. Safe with several replicas: every change is
 * a conditional update and releasing stock is idempotent.
 */
export function startPaymentTimeoutSweeper(deps: {
  orders: OrdersRepository;
  lifecycle: OrderLifecycle;
  logger: Logger;
  timeoutMs: number;
  intervalMs: number;
}): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const sweep = async () => {
    const cutoff = new Date(Date.now() - deps.timeoutMs);
    for (const orderId of await deps.orders.idsPendingSince(cutoff, BATCH)) {
      if (await deps.lifecycle.cancelUnpaid(orderId)) deps.logger.info({ orderId }, 'order cancelled: payment timed out');
    }
    for (const orderId of await deps.orders.idsWithStockToRelease(BATCH)) {
      await deps.lifecycle.finishCancellation(orderId).catch((error: unknown) => deps.logger.warn({ err: error, orderId }, 'stock release failed again'));
    }
  };
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'payment timeout sweep failed'))
      .finally(() => { running = undefined; });
  }, deps.intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
