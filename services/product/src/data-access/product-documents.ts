import type { Collection, Db } from 'mongodb';
import type { PendingEvent, ProductRecord } from '../domain/product.ts';
import { createKeyedLock } from './keyed-lock.ts';

export interface ProductDocument extends Omit<ProductRecord, 'id'> {
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

/**
 * The `products` collection, which three repositories write: the products themselves
 * (products-repository.ts), their stock (product-stock-repository.ts) and their outbox
 * (product-outbox-repository.ts). Every write is ONE update of ONE document: the change, its
 * revision bump and its outbox event together. Real MongoDB applies such an update atomically
 * (single-document atomicity), which is what makes the conditional updates safe across processes.
 * FerretDB 1.24 does not: it reads the document, applies the update in Go and writes it back by
 * _id, so two concurrent updates of one document can lose one of them (measured: 50 parallel
 * conditional $inc on stock 20 all "matched" and stock ended at 19). Hence every write of a
 * document, whichever repository makes it, runs under one per-product lock in this process
 * (`write`). On FerretDB, run one instance of this service. Also on FerretDB 1.24, only a filter
 * that is exactly { _id } uses an index: conditional updates and `$in` scan the collection, so they
 * cost more as it grows (MongoDB uses the _id index for all).
 */
export interface ProductDocuments {
  collection: Collection<ProductDocument>;
  /** Runs a write of one product after the writes of it already under way. */
  write<T>(productId: string, task: () => Promise<T>): Promise<T>;
  ensureIndexes(): Promise<void>;
}

export function createProductDocuments(db: Db): ProductDocuments {
  const collection = db.collection<ProductDocument>('products');
  const writes = createKeyedLock();
  return {
    collection,
    write: (productId, task) => writes.run(productId, task),
    async ensureIndexes() {
      await collection.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' });
      await collection.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest_first' });
      await collection.createIndex({ category: 1 }, { name: 'category' });
      await collection.createIndex({ 'outbox.eventId': 1 }, { sparse: true, name: 'pending_events' });
    },
  };
}

/** Reads that answer products leave the outbox and the stock marks in the store. */
export const withoutInternals = { projection: { outbox: 0, stockMarks: 0 } } as const;

export function toRecord(document: Omit<ProductDocument, 'outbox' | 'stockMarks'>): ProductRecord {
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
