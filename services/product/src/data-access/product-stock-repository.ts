import { guardStoreCalls } from '@pasar/service-kit';
import type { UpdateFilter } from 'mongodb';
import type { PendingEvent, StockLine } from '../domain/product.ts';
import type { ProductDocument, ProductDocuments } from './product-documents.ts';
import { PRODUCT_STORE } from './store-errors.ts';

export type ReserveOutcome = 'applied' | 'insufficient' | 'inactive' | 'missing';

interface ReserveRequest {
  mark: string;
  line: StockLine;
  event: PendingEvent;
  resolve: (outcome: ReserveOutcome) => void;
  reject: (error: unknown) => void;
}

const MAX_RESERVE_ATTEMPTS = 5;

export const reserveMark = (orderId: string) => `reserve:${orderId}`;
export const releaseMark = (orderId: string) => `release:${orderId}`;

export type ProductStockRepository = ReturnType<typeof createProductStockRepository>;

/**
 * The stock writes of reservations (domain/reservations.ts): each takes or gives back one order's
 * line at most once, leaving the order's mark in the product, with its event, in one update.
 */
export function createProductStockRepository({ collection, write }: ProductDocuments) {
  const reserveQueues = new Map<string, ReserveRequest[]>();

  const takeStock = async (productId: string, revision: number, taken: ReserveRequest[]): Promise<boolean> => {
    const quantity = taken.reduce((sum, request) => sum + request.line.quantity, 0);
    const result = await collection.updateOne(
      { _id: productId, revision },
      {
        $inc: { stock: -quantity, revision: 1 },
        $set: { updatedAt: taken.at(-1)!.event.occurredAt },
        $push: { stockMarks: { $each: taken.map((r) => r.mark) }, outbox: { $each: taken.map((r) => r.event) } },
      },
    );
    return result.matchedCount === 1;
  };

  /**
   * Decides every line from one read, then applies those that fit in ONE update conditional on the
   * revision read: single-document atomicity on MongoDB makes it all or nothing, and a product changed
   * meanwhile (by another process) makes it match nothing, so the batch is decided again.
   */
  const reserveBatch = async (productId: string, batch: ReserveRequest[]): Promise<ReserveOutcome[]> => {
    for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt++) {
      const product = await collection.findOne(
        { _id: productId },
        { projection: { stock: 1, active: 1, deletedAt: 1, stockMarks: 1, revision: 1 } },
      );
      const decisions = decideReservations(product, batch);
      const taken = batch.filter((_, index) => decisions[index] === 'take');
      if (taken.length === 0 || (await takeStock(productId, product!.revision, taken))) {
        return decisions.map((decision) => (decision === 'take' ? 'applied' : decision));
      }
    }
    throw new Error(`product ${productId} kept changing while stock was being reserved`);
  };

  const reserveQueued = async (productId: string): Promise<void> => {
    const batch = reserveQueues.get(productId) ?? [];
    reserveQueues.delete(productId);
    try {
      const outcomes = await reserveBatch(productId, batch);
      batch.forEach((request, index) => request.resolve(outcomes[index]!));
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  };

  return guardStoreCalls(PRODUCT_STORE, {
    /**
     * Takes `quantity` from stock for one order's line, at most once per order. Lines for the same
     * product that arrive while it is being written are decided together (see reserveBatch), so a
     * burst of orders for one product costs a few store operations instead of one or two each.
     */
    reserveLine(orderId: string, line: StockLine, event: PendingEvent): Promise<ReserveOutcome> {
      return new Promise((resolve, reject) => {
        const request: ReserveRequest = { mark: reserveMark(orderId), line, event, resolve, reject };
        const queue = reserveQueues.get(line.productId);
        if (queue) return void queue.push(request);
        reserveQueues.set(line.productId, [request]);
        void write(line.productId, () => reserveQueued(line.productId));
      });
    },

    /** Gives back a reserved line, only if this order's reservation mark is still there (at most once). */
    async undoReservedLine(orderId: string, line: StockLine, event: PendingEvent): Promise<boolean> {
      const mark = reserveMark(orderId);
      return write(line.productId, async () => {
        const result = await collection.updateOne(
          { _id: line.productId, stockMarks: mark },
          { ...stockChange(line.quantity, event), $pull: { stockMarks: mark }, $push: { outbox: event } },
        );
        return result.matchedCount === 1;
      });
    },

    /** Gives back a line of a released order, at most once per order (its release mark). */
    async releaseLine(orderId: string, line: StockLine, event: PendingEvent): Promise<boolean> {
      const mark = releaseMark(orderId);
      return write(line.productId, async () => {
        const result = await collection.updateOne(
          { _id: line.productId, stockMarks: { $ne: mark } },
          { ...stockChange(line.quantity, event), $push: { stockMarks: mark, outbox: event } },
        );
        return result.matchedCount === 1;
      });
    },

    async clearStockMarks(productId: string, marks: string[]): Promise<void> {
      if (marks.length === 0) return;
      await write(productId, () => collection.updateOne({ _id: productId }, { $pullAll: { stockMarks: marks } }));
    },
  });
}

function stockChange(delta: number, event: PendingEvent): UpdateFilter<ProductDocument> {
  return { $inc: { stock: delta, revision: 1 }, $set: { updatedAt: event.occurredAt } };
}

type StockState = Pick<ProductDocument, 'stock' | 'active' | 'deletedAt' | 'stockMarks'>;

/** In arrival order: what each line gets from the stock left after the lines before it. */
function decideReservations(product: StockState | null, batch: ReserveRequest[]): Array<ReserveOutcome | 'take'> {
  let stock = product?.stock ?? 0;
  const marked = new Set(product?.stockMarks);
  return batch.map(({ mark, line }) => {
    if (!product || product.deletedAt) return 'missing';
    if (marked.has(mark)) return 'applied';
    if (!product.active) return 'inactive';
    if (line.quantity > stock) return 'insufficient';
    stock -= line.quantity;
    marked.add(mark);
    return 'take';
  });
}
