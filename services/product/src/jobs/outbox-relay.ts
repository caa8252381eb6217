import type { ProductChangedV1 } from '@pasar/contracts';
import type { Logger } from '@pasar/service-kit';
import { ZodError } from 'zod';
import type { ProductsRepository } from '../data-access/products-repository.ts';
import type { PendingEvent, ProductRecord, ProductWithPendingEvents } from '../domain/product.ts';
import { productChangedMessage } from '../domain/product-events.ts';

export interface OutboxRelayOptions {
  products: ProductsRepository;
  publish: (message: ProductChangedV1) => Promise<void>;
  logger: Logger;
  /** How often it looks at the products it was told about, when nothing nudged it sooner. */
  intervalMs: number;
  /** How often it looks at every product (at start, then this often): events left by a crash or another instance. */
  scanIntervalMs: number;
  maxBackoffMs: number;
  /** Products looked at per scan. */
  batchSize?: number;
  /** How soon after a nudge a pass runs: nudges in between share it (a burst of writes, one pass). */
  nudgeDelayMs?: number;
}

/**
 * Publishes the product-changed events waiting in product documents, then removes them. A pass looks
 * at the products it was nudged about (one lookup by id each), or at every product when a scan is due.
 * While publishing fails it backs off, doubling up to `maxBackoffMs`. An event is removed only after
 * it was published, so a crash in between sends it again: consumers de-duplicate by eventId. Events
 * of one product go out in the order they were written.
 */
export class OutboxRelay {
  private readonly changed = new Set<string>();
  private lastScanAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private nextRunAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  private runAgain = false;
  private failures = 0;
  private stopped = true;
  private readonly options: OutboxRelayOptions;

  constructor(options: OutboxRelayOptions) {
    this.options = options;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** The product has a new event: publish soon, unless publishing is failing and the relay is backing off. */
  nudge(productId: string): void {
    this.changed.add(productId);
    if (this.stopped || this.failures > 0) return;
    if (this.running) this.runAgain = true;
    else this.schedule(this.nudgeDelayMs());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass; returns how many events were published. Throws when one could not be (it stays pending). */
  async publishPending(): Promise<number> {
    const scanDue = Date.now() - this.lastScanAt >= this.options.scanIntervalMs;
    const batch = scanDue ? await this.scanAll() : await this.lookUpChanged();
    let published = 0;
    for (const [index, { product, pending }] of batch.entries()) {
      try {
        published += await this.publishProduct(product, pending);
      } catch (error) {
        for (const rest of batch.slice(index)) this.changed.add(rest.product.id);
        throw error;
      }
    }
    return published;
  }

  private async scanAll(): Promise<ProductWithPendingEvents[]> {
    const batchSize = this.options.batchSize ?? 100;
    this.changed.clear();
    const batch = await this.options.products.findWithPendingEvents(batchSize);
    // A full batch may mean more is waiting: scan again next pass.
    if (batch.length >= batchSize) this.runAgain = true;
    else this.lastScanAt = Date.now();
    return batch;
  }

  private async lookUpChanged(): Promise<ProductWithPendingEvents[]> {
    const ids = [...this.changed];
    this.changed.clear();
    const found: ProductWithPendingEvents[] = [];
    try {
      for (const id of ids) {
        const product = await this.options.products.findPendingEventsOf(id);
        if (product) found.push(product);
      }
    } catch (error) {
      for (const id of ids) this.changed.add(id);
      throw error;
    }
    return found;
  }

  /** Publishes a product's events in order; removes those that went out, in one write, even when a later one fails. */
  private async publishProduct(product: ProductRecord, pending: PendingEvent[]): Promise<number> {
    const sent: PendingEvent[] = [];
    try {
      for (const event of pending) {
        await this.publishOne(productChangedMessage(product, event));
        sent.push(event);
      }
    } finally {
      await this.options.products.removePendingEvents(product.id, sent);
    }
    return sent.length;
  }

  private async publishOne(message: ProductChangedV1): Promise<void> {
    try {
      await this.options.publish(message);
    } catch (error) {
      // A message that breaks its own schema will never be accepted: log it and let it go.
      if (!(error instanceof ZodError)) throw error;
      this.options.logger.error({ eventId: message.eventId, issues: error.issues }, 'dropping a product-changed event that does not match its schema');
    }
  }

  /** Plans the next pass in `delayMs`, unless one is planned sooner already. */
  private schedule(delayMs: number): void {
    const at = Date.now() + delayMs;
    if (this.timer && at >= this.nextRunAt) return;
    clearTimeout(this.timer);
    this.nextRunAt = at;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = undefined;
    this.nextRunAt = Number.POSITIVE_INFINITY;
    if (this.stopped || this.running) return;
    this.running = this.pass();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const again = this.runAgain;
    this.runAgain = false;
    this.schedule(this.failures > 0 ? this.backoffMs() : again ? this.nudgeDelayMs() : this.options.intervalMs);
  }

  private async pass(): Promise<void> {
    try {
      await this.publishPending();
      this.failures = 0;
    } catch (error) {
      this.failures++;
      this.options.logger.warn({ err: error, failures: this.failures, retryInMs: this.backoffMs() }, 'publishing product-changed events failed; will retry');
    }
  }

  private nudgeDelayMs(): number {
    return this.options.nudgeDelayMs ?? 200;
  }

  private backoffMs(): number {
    return Math.min(this.options.maxBackoffMs, this.options.intervalMs * 2 ** (this.failures - 1));
  }
}
