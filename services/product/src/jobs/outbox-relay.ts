import type { ProductChangedV1 } from '@pasar/contracts';
import { continueTrace, SpanKind, startBackgroundLoop, trackOutboxBacklog, type BackgroundLoop, type Logger } from '@pasar/service-kit';
import { ZodError } from 'zod';
import type { ProductOutboxRepository } from '../data-access/product-outbox-repository.ts';
import type { PendingEvent, ProductRecord, ProductWithPendingEvents } from '../domain/product.ts';
import { productChangedMessage } from '../domain/product-events.ts';

export interface ProductOutboxRelayOptions {
  outbox: ProductOutboxRepository;
  publish: (message: ProductChangedV1) => Promise<void>;
  logger: Logger;
  /** How often it looks at the products it was told about, when nothing nudged it sooner. */
  pollIntervalMs: number;
  /** How often it looks at every product (at start, then this often): events left by a crash or another instance. */
  scanIntervalMs: number;
  /** While publishing fails it backs off from pollIntervalMs, doubling up to this. */
  maxBackoffMs: number;
  /** Products looked at per scan. */
  batchSize?: number;
  /** How soon after a nudge a pass runs: nudges in between share it (a burst of writes, one pass). */
  nudgeDelayMs?: number;
}

export type ProductOutboxRelay = ReturnType<typeof createProductOutboxRelay>;

/**
 * Publishes the product-changed events waiting in product documents, then removes them. A pass looks
 * at the products it was nudged about (one lookup by id each), or at every product when a scan is due.
 * An event is removed only after it was published, so a crash in between sends it again: consumers
 * de-duplicate by eventId. Events of one product go out in the order they were written.
 */
export function createProductOutboxRelay(options: ProductOutboxRelayOptions) {
  const batchSize = options.batchSize ?? 100;
  const nudgeDelayMs = options.nudgeDelayMs ?? 200;
  const changed = new Set<string>();
  let lastScanAt = Number.NEGATIVE_INFINITY;
  let scanAgain = false;
  let loop: BackgroundLoop | undefined;
  let untrackBacklog: (() => void) | undefined;

  const scanAll = async (): Promise<ProductWithPendingEvents[]> => {
    changed.clear();
    const batch = await options.outbox.findWithPendingEvents(batchSize);
    // A full batch may mean more is waiting: scan again soon.
    scanAgain = batch.length >= batchSize;
    if (!scanAgain) lastScanAt = Date.now();
    return batch;
  };

  const lookUpChanged = async (): Promise<ProductWithPendingEvents[]> => {
    const ids = [...changed];
    changed.clear();
    const found: ProductWithPendingEvents[] = [];
    try {
      for (const id of ids) {
        const product = await options.outbox.findPendingEventsOf(id);
        if (product) found.push(product);
      }
    } catch (error) {
      for (const id of ids) changed.add(id);
      throw error;
    }
    return found;
  };

  const publishOne = async (message: ProductChangedV1): Promise<void> => {
    try {
      await options.publish(message);
    } catch (error) {
      // A message that breaks its own schema will never be accepted: log it and let it go.
      if (!(error instanceof ZodError)) throw error;
      options.logger.error(
        { eventId: message.eventId, issues: error.issues },
        'dropping a product-changed event that does not match its schema',
      );
    }
  };

  /** Publishes a product's events in order; removes those that went out, in one write, even when a later one fails. */
  const publishProduct = async (product: ProductRecord, pending: PendingEvent[]): Promise<number> => {
    const sent: PendingEvent[] = [];
    try {
      for (const event of pending) {
        await continueTrace(event, 'outbox relay product-changed', { kind: SpanKind.INTERNAL }, () =>
          publishOne(productChangedMessage(product, event)),
        );
        sent.push(event);
      }
    } finally {
      await options.outbox.removePendingEvents(product.id, sent);
    }
    return sent.length;
  };

  /** One pass; returns how many events were published. Throws when one could not be (it stays pending). */
  const publishPending = async (): Promise<number> => {
    const batch = Date.now() - lastScanAt >= options.scanIntervalMs ? await scanAll() : await lookUpChanged();
    let published = 0;
    for (const [index, { product, pending }] of batch.entries()) {
      try {
        published += await publishProduct(product, pending);
      } catch (error) {
        for (const rest of batch.slice(index)) changed.add(rest.product.id);
        throw error;
      }
    }
    return published;
  };

  return {
    publishPending,

    /** The product has a new event: publish soon, unless publishing is failing and the relay is backing off. */
    nudge(productId: string): void {
      changed.add(productId);
      loop?.wake(nudgeDelayMs);
    },

    start(): void {
      untrackBacklog ??= trackOutboxBacklog({ name: 'product-outbox', measure: () => options.outbox.measureBacklog() });
      loop ??= startBackgroundLoop(
        async () => {
          await publishPending();
          return scanAgain ? nudgeDelayMs : options.pollIntervalMs;
        },
        {
          backoff: { initialMs: options.pollIntervalMs, maxMs: options.maxBackoffMs },
          onError: (error, { failures, retryInMs }) =>
            options.logger.warn({ err: error, failures, retryInMs }, 'publishing product-changed events failed; will retry'),
        },
      );
    },

    async stop(): Promise<void> {
      untrackBacklog?.();
      await loop?.stop();
    },
  };
}
