import { startBackgroundLoop, type Logger } from '@pasar/service-kit';
import type { ProductStockRepository } from '../data-access/product-stock-repository.ts';

export type StockMarkSweeper = ReturnType<typeof createStockMarkSweeper>;

/**
 * Removes the stock marks of reservations that reached a final state, a little later and in one
 * write per product: on FerretDB every write waits for the one before it, so a burst of orders for
 * one product should not pay one extra write each. A mark that is never removed (the process
 * stopped, the store was down) is harmless: nothing reads the marks of a finished reservation.
 */
export function createStockMarkSweeper(stock: Pick<ProductStockRepository, 'clearStockMarks'>, logger: Logger, delayMs = 200) {
  const waiting = new Map<string, Set<string>>();
  let sweeping: Promise<void> = Promise.resolve();

  const removeWaiting = async (): Promise<void> => {
    const batch = [...waiting];
    waiting.clear();
    for (const [productId, marks] of batch) {
      await stock.clearStockMarks(productId, [...marks]).catch((error: unknown) => {
        logger.warn({ err: error, productId }, 'could not remove stock marks of finished reservations (harmless)');
      });
    }
  };

  /** Removes what is waiting now; resolves once earlier sweeps are done too. */
  const sweep = (): Promise<void> => (sweeping = sweeping.then(removeWaiting));

  const loop = startBackgroundLoop(
    async () => {
      await sweep();
      return 'idle';
    },
    { onError: (error) => logger.warn({ err: error }, 'stock mark sweep failed (harmless)') },
  );

  return {
    add(productId: string, mark: string): void {
      const marks = waiting.get(productId) ?? new Set<string>();
      waiting.set(productId, marks.add(mark));
      loop.wake(delayMs);
    },
    sweep,
    /** Stops sweeping later and removes what is waiting now. */
    async stop(): Promise<void> {
      await loop.stop();
      await sweep();
    },
  };
}
