import { startBackgroundLoop, type BackgroundLoop, type Logger } from '@pasar/service-kit';
import type { OrdersRepository } from '../data-access/orders-repository.ts';
import type { OrderLifecycle } from '../domain/order-lifecycle.ts';

const BATCH = 100;

/**
 * Every interval (at start too): cancels orders left waiting for their payment longer than the
 * timeout, and finishes cancellations whose stock release failed. Safe with several replicas: every
 * change is a conditional update and releasing stock is idempotent. A sweep that fails (the database
 * is down) is tried again with the kit's backoff, at most an interval later.
 */
export function startPaymentTimeoutSweeper(deps: {
  orders: OrdersRepository;
  lifecycle: OrderLifecycle;
  logger: Logger;
  timeoutMs: number;
  intervalMs: number;
}): BackgroundLoop {
  const sweep = async () => {
    const cutoff = new Date(Date.now() - deps.timeoutMs);
    for (const orderId of await deps.orders.idsPendingSince(cutoff, BATCH)) {
      if (await deps.lifecycle.cancelUnpaid(orderId)) deps.logger.info({ orderId }, 'order cancelled: payment timed out');
    }
    for (const orderId of await deps.orders.idsWithStockToRelease(BATCH)) {
      await deps.lifecycle
        .finishCancellation(orderId)
        .catch((error: unknown) => deps.logger.warn({ err: error, orderId }, 'stock release failed again'));
    }
  };
  return startBackgroundLoop(
    async () => {
      await sweep();
      return deps.intervalMs;
    },
    {
      backoff: { maxMs: deps.intervalMs },
      onError: (error, retry) => deps.logger.warn({ err: error, ...retry }, 'payment timeout sweep failed'),
    },
  );
}
