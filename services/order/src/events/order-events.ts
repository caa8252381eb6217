import { startOutboxRelay, type OutboxPublisher, type OutboxRelay, type Pool } from '@pasar/postgres';
import type { Logger } from '@pasar/service-kit';

/**
 * The order service publishes only through its outbox: order-created is committed with the order
 * and this relay sends it through the sidecar (at least once, retried with backoff; several at once, as messages of different orders need no order among them).
 */
export function startOrderEventsRelay(options: { pool: Pool; publisher: OutboxPublisher; logger: Logger; pollIntervalMs: number; concurrency: number }): OutboxRelay {
  return startOutboxRelay({
    pool: options.pool,
    publisher: options.publisher,
    logger: options.logger,
    pollIntervalMs: options.pollIntervalMs,
    concurrency: options.concurrency,
  });
}
