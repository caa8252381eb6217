import type { Logger } from '@pasar/service-kit';
import type { ProductsRepository } from '../data-access/products-repository.ts';

/**
 * Removes the stock marks of reservations that reached a final state, a little later and in one
 * write per product: on FerretDB every write waits for the one before it, so a burst of orders for
 * one product should not pay one extra write each. A mark that is never removed (the process
 * stopped, the store was down) is harmless: nothing reads the marks of a finished reservation.
 */
export class StockMarkSweeper {
  private readonly waiting = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();
  private readonly products: ProductsRepository;
  private readonly logger: Logger;
  private readonly delayMs: number;

  constructor(products: ProductsRepository, logger: Logger, delayMs = 200) {
    this.products = products;
    this.logger = logger;
    this.delayMs = delayMs;
  }

  add(productId: string, mark: string): void {
    const marks = this.waiting.get(productId) ?? new Set<string>();
    this.waiting.set(productId, marks.add(mark));
    this.timer ??= setTimeout(() => void this.sweep(), this.delayMs).unref();
  }

  /** Removes what is waiting now; resolves once earlier sweeps are done too. */
  sweep(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.sweeping = this.sweeping.then(() => this.removeWaiting());
    return this.sweeping;
  }

  private async removeWaiting(): Promise<void> {
    const batch = [...this.waiting];
    this.waiting.clear();
    for (const [productId, marks] of batch) {
      await this.products.clearStockMarks(productId, [...marks]).catch((error: unknown) => {
        this.logger.warn({ err: error, productId }, 'could not remove stock marks of finished reservations (harmless)');
      });
    }
  }
}
