import type { Collection, Db, Filter, UpdateFilter } from 'mongodb';
import { CoalescedLookup } from './coalesced-lookup.ts';
import { KeyedLock } from './keyed-lock.ts';
import type { EditableFields, PendingEvent, ProductRecord, ProductWithPendingEvents, StockLine } from '../domain/product.ts';

interface ProductDocument extends Omit<ProductRecord, 'id'> {
  _id: string;
  /** The outbox: written in the same update as the change it announces, removed once published. */
  outbox: PendingEvent[];
  /**
   * `reserve:<orderId>` / `release:<orderId>`: written in the same update as the stock change of one
   * order's line, so a retried or resumed reservation can tell whether that line was already applied
   * (see domain/reservations.ts). Removed when the reservation reaches a final state.
   */
  stockMarks: string[];
}

export interface ProductFilter {
  category?: string | undefined;
  active?: boolean | undefined;
  minPrice?: number | undefined;
  maxPrice?: number | undefined;
}

export interface ListPosition {
  createdAt: Date;
  id: string;
}

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

const withoutInternals = { projection: { outbox: 0, stockMarks: 0 } } as const;

/**
 * Products in MongoDB (FerretDB natively). Every write is ONE update of ONE document: the change,
 * its revision bump and its outbox event together. Real MongoDB applies such an update atomically
 * (single-document atomicity), which is what makes the conditional updates below safe across
 * processes. FerretDB 1.24 does not: it reads the document, applies the update in Go and writes it
 * back by _id, so two concurrent updates of one document can lose one of them (measured: 50 parallel
 * conditional $inc on stock 20 all "matched" and stock ended at 19). Hence every write of a document
 * also runs under a per-product lock in this process. On FerretDB, run one instance of this service.
 * Also on FerretDB 1.24, only a filter that is exactly { _id } uses an index: conditional updates and
 * `$in` scan the collection, so they cost more as it grows (MongoDB uses the _id index for all).
 */
export class ProductsRepository {
  private readonly collection: Collection<ProductDocument>;
  private readonly writes = new KeyedLock();
  private readonly reserveQueues = new Map<string, ReserveRequest[]>();

  private readonly byIds = new CoalescedLookup<ProductRecord>(async (ids) => {
    const documents = await this.collection.find({ _id: { $in: ids }, deletedAt: null }, withoutInternals).toArray();
    return documents.map(toRecord);
  });

  constructor(db: Db) {
    this.collection = db.collection<ProductDocument>('products');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
    await this.collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest_first' });
    await this.collection.createIndex({ category: 1 }, { name: 'category' });
    await this.collection.createIndex({ 'outbox.eventId': 1 }, { sparse: true, name: 'pending_events' });
  }

  /** Throws a duplicate-key error (isDuplicateKey) when the SKU is taken. */
  async insert(product: ProductRecord, event: PendingEvent): Promise<void> {
    const { id, ...fields } = product;
    await this.collection.insertOne({ _id: id, ...fields, outbox: [event], stockMarks: [] });
  }

  /** By exactly { _id } (the one filter FerretDB 1.24 hands to SQLite's index; any other scans the collection). */
  async findById(id: string, options: { includeDeleted?: boolean } = {}): Promise<ProductRecord | null> {
    const document = await this.collection.findOne({ _id: id }, withoutInternals);
    if (!document || (document.deletedAt && !options.includeDeleted)) return null;
    return toRecord(document);
  }

  /** Products that exist and are not deleted, in no particular order. Concurrent calls share one query. */
  async findManyByIds(ids: string[]): Promise<ProductRecord[]> {
    const wanted = new Set(ids);
    return (await this.byIds.load(ids)).filter((product) => wanted.has(product.id));
  }

  /** Newest first, after `position` (exclusive); never deleted products. */
  async list(filter: ProductFilter, position: ListPosition | undefined, limit: number): Promise<ProductRecord[]> {
    const query: Filter<ProductDocument> = { deletedAt: null, ...matchFilter(filter) };
    if (position) {
      query.$or = [{ createdAt: { $lt: position.createdAt } }, { createdAt: position.createdAt, _id: { $lt: position.id } }];
    }
    const documents = await this.collection.find(query, withoutInternals).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
    return documents.map(toRecord);
  }

  /** Every product by id, deleted ones included, after `afterId` (exclusive). */
  async pageById(afterId: string | undefined, limit: number): Promise<ProductRecord[]> {
    const query: Filter<ProductDocument> = afterId ? { _id: { $gt: afterId } } : {};
    const documents = await this.collection.find(query, withoutInternals).sort({ _id: 1 }).limit(limit).toArray();
    return documents.map(toRecord);
  }

  /**
   * Sets fields if the product is still at `expectedRevision` and not deleted (optimistic concurrency
   * against writers in other processes). False when it was not. May throw a duplicate-key error (SKU).
   */
  async updateFields(id: string, expectedRevision: number, fields: Partial<EditableFields>, event: PendingEvent): Promise<boolean> {
    return this.write(id, async () => {
      const result = await this.collection.updateOne(
        { _id: id, revision: expectedRevision, deletedAt: null },
        { $set: { ...fields, updatedAt: event.occurredAt }, ...announce(event) },
      );
      return result.matchedCount === 1;
    });
  }

  /** Soft delete: inactive, with deletedAt. False when there is no such product (or it is already deleted). */
  async softDelete(id: string, event: PendingEvent): Promise<boolean> {
    return this.write(id, async () => {
      const result = await this.collection.updateOne(
        { _id: id, deletedAt: null },
        { $set: { active: false, deletedAt: event.occurredAt, updatedAt: event.occurredAt }, ...announce(event) },
      );
      return result.matchedCount === 1;
    });
  }

  /**
   * Takes `quantity` from stock for one order's line, at most once per order. Lines for the same
   * product that arrive while it is being written are decided together (see reserveQueued), so a
   * burst of orders for one product costs a few store operations instead of one or two each.
   */
  reserveLine(orderId: string, line: StockLine, event: PendingEvent): Promise<ReserveOutcome> {
    return new Promise((resolve, reject) => {
      const request: ReserveRequest = { mark: reserveMark(orderId), line, event, resolve, reject };
      const queue = this.reserveQueues.get(line.productId);
      if (queue) return void queue.push(request);
      this.reserveQueues.set(line.productId, [request]);
      void this.write(line.productId, () => this.reserveQueued(line.productId));
    });
  }

  /** Gives back a reserved line, only if this order's reservation mark is still there (at most once). */
  async undoReservedLine(orderId: string, line: StockLine, event: PendingEvent): Promise<boolean> {
    const mark = reserveMark(orderId);
    return this.write(line.productId, async () => {
      const result = await this.collection.updateOne(
        { _id: line.productId, stockMarks: mark },
        { ...stockChange(line.quantity, event), $pull: { stockMarks: mark }, $push: { outbox: event } },
      );
      return result.matchedCount === 1;
    });
  }

  /** Gives back a line of a released order, at most once per order (its release mark). */
  async releaseLine(orderId: string, line: StockLine, event: PendingEvent): Promise<boolean> {
    const mark = releaseMark(orderId);
    return this.write(line.productId, async () => {
      const result = await this.collection.updateOne(
        { _id: line.productId, stockMarks: { $ne: mark } },
        { ...stockChange(line.quantity, event), $push: { stockMarks: mark, outbox: event } },
      );
      return result.matchedCount === 1;
    });
  }

  async clearStockMarks(productId: string, marks: string[]): Promise<void> {
    if (marks.length === 0) return;
    await this.write(productId, () => this.collection.updateOne({ _id: productId }, { $pullAll: { stockMarks: marks } }));
  }

  /** Products with events still to publish, each with its pending events in the order they were written. */
  async findWithPendingEvents(limit: number): Promise<ProductWithPendingEvents[]> {
    const documents = await this.collection.find({ 'outbox.eventId': { $exists: true } }).limit(limit).toArray();
    return documents.map(withPendingEvents);
  }

  /** One product's pending events (looked up by exactly { _id }); null when it has none. */
  async findPendingEventsOf(productId: string): Promise<ProductWithPendingEvents | null> {
    const document = await this.collection.findOne({ _id: productId });
    return document && document.outbox.length > 0 ? withPendingEvents(document) : null;
  }

  /**
   * Removes published events, given exactly as they were read: FerretDB 1.24 ignores a $pull
   * condition such as { eventId } (it matches nothing), while whole elements ($pullAll) work on both.
   */
  async removePendingEvents(productId: string, events: PendingEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.write(productId, () => this.collection.updateOne({ _id: productId }, { $pullAll: { outbox: events } }));
  }

  private async reserveQueued(productId: string): Promise<void> {
    const batch = this.reserveQueues.get(productId) ?? [];
    this.reserveQueues.delete(productId);
    try {
      const outcomes = await this.reserveBatch(productId, batch);
      batch.forEach((request, index) => request.resolve(outcomes[index]!));
    } catch (error) {
      for (const request of batch) request.reject(error);
    }
  }

  /**
   * Decides every line from one read, then applies those that fit in ONE update conditional on the
   * revision read: single-document atomicity on MongoDB makes it all or nothing, and a product changed
   * meanwhile (by another process) makes it match nothing, so the batch is decided again.
   */
  private async reserveBatch(productId: string, batch: ReserveRequest[]): Promise<ReserveOutcome[]> {
    for (let attempt = 1; attempt <= MAX_RESERVE_ATTEMPTS; attempt++) {
      const product = await this.collection.findOne({ _id: productId }, { projection: { stock: 1, active: 1, deletedAt: 1, stockMarks: 1, revision: 1 } });
      const decisions = decideReservations(product, batch);
      const taken = batch.filter((_, index) => decisions[index] === 'take');
      if (taken.length === 0 || (await this.takeStock(productId, product!.revision, taken))) {
        return decisions.map((decision) => (decision === 'take' ? 'applied' : decision));
      }
    }
    throw new Error(`product ${productId} kept changing while stock was being reserved`);
  }

  private async takeStock(productId: string, revision: number, taken: ReserveRequest[]): Promise<boolean> {
    const quantity = taken.reduce((sum, request) => sum + request.line.quantity, 0);
    const result = await this.collection.updateOne({ _id: productId, revision }, {
      $inc: { stock: -quantity, revision: 1 },
      $set: { updatedAt: taken.at(-1)!.event.occurredAt },
      $push: { stockMarks: { $each: taken.map((r) => r.mark) }, outbox: { $each: taken.map((r) => r.event) } },
    });
    return result.matchedCount === 1;
  }

  private write<T>(productId: string, task: () => Promise<T>): Promise<T> {
    return this.writes.run(productId, task);
  }
}

function announce(event: PendingEvent): UpdateFilter<ProductDocument> {
  return { $inc: { revision: 1 }, $push: { outbox: event } };
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

function matchFilter(filter: ProductFilter): Filter<ProductDocument> {
  const price = {
    ...(filter.minPrice !== undefined && { $gte: filter.minPrice }),
    ...(filter.maxPrice !== undefined && { $lte: filter.maxPrice }),
  };
  return {
    ...(filter.category !== undefined && { category: filter.category }),
    ...(filter.active !== undefined && { active: filter.active }),
    ...(Object.keys(price).length > 0 && { 'price.amount': price }),
  };
}

function withPendingEvents(document: ProductDocument): ProductWithPendingEvents {
  return { product: toRecord(document), pending: document.outbox };
}

function toRecord(document: Omit<ProductDocument, 'outbox' | 'stockMarks'>): ProductRecord {
  return {
    id: document._id,
    sku: document.sku,
    name: document.name,
    description: document.description,
    category: document.category,
    price: { amount: document.price.amount, currency: document.price.currency },
    stock: document.stock,
    images: document.images,
    active: document.active,
    attributes: document.attributes,
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
    deletedAt: document.deletedAt ?? null,
    revision: document.revision,
  };
}
