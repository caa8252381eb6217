import { guardStoreCalls } from '@pasar/service-kit';
import type { Filter } from 'mongodb';
import type { EditableFields, PendingEvent, ProductRecord } from '../domain/product.ts';
import { createCoalescedLookup } from './coalesced-lookup.ts';
import { toRecord, withoutInternals, type ProductDocument, type ProductDocuments } from './product-documents.ts';
import { announce } from './product-outbox-repository.ts';
import { PRODUCT_STORE } from './store-errors.ts';

/**
 * Up to this many ids are read one by one: on FerretDB 1.24 `_id: { $in }` scans the whole
 * collection (about 0.6 s at 3,000 products here), while each exact `{ _id }` read is indexed.
 */
const READ_ONE_BY_ONE_UP_TO = 64;

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

export type ProductsRepository = ReturnType<typeof createProductsRepository>;

/**
 * Products: create, read, list, change their fields, soft-delete. Each write announces itself with
 * an event in the same update (the product outbox); see product-documents.ts for how writes of one
 * product are kept apart on FerretDB.
 */
export function createProductsRepository({ collection, write }: ProductDocuments) {
  const byIds = createCoalescedLookup<ProductRecord>(async (ids) => {
    const documents = ids.length <= READ_ONE_BY_ONE_UP_TO ? await eachById(ids) : await allInOneScan(ids);
    return documents.map(toRecord);
  });

  /** A search page's few ids: each read by exactly { _id }, FerretDB's indexed lookup, side by side. */
  async function eachById(ids: string[]): Promise<ProductDocument[]> {
    const found = await Promise.all(ids.map((id) => collection.findOne({ _id: id }, withoutInternals)));
    return found.filter((document): document is ProductDocument => document !== null && !document.deletedAt);
  }

  /** Many ids at once (coalesced lookups under load): one `$in` query, a scan of the collection on FerretDB. */
  function allInOneScan(ids: string[]): Promise<ProductDocument[]> {
    return collection.find({ _id: { $in: ids }, deletedAt: null }, withoutInternals).toArray();
  }

  return guardStoreCalls(PRODUCT_STORE, {
    /** Throws a duplicate-key error (isDuplicateKey) when the SKU is taken. */
    async insert(product: ProductRecord, event: PendingEvent): Promise<void> {
      const { id, ...fields } = product;
      await collection.insertOne({ _id: id, ...fields, outbox: [event], stockMarks: [] });
    },

    /** By exactly { _id } (the one filter FerretDB 1.24 hands to SQLite's index; any other scans the collection). */
    async findById(id: string, options: { includeDeleted?: boolean } = {}): Promise<ProductRecord | null> {
      const document = await collection.findOne({ _id: id }, withoutInternals);
      if (!document || (document.deletedAt && !options.includeDeleted)) return null;
      return toRecord(document);
    },

    /** Products that exist and are not deleted, in no particular order. Concurrent calls share one query. */
    async findManyByIds(ids: string[]): Promise<ProductRecord[]> {
      const wanted = new Set(ids);
      return (await byIds.load(ids)).filter((product) => wanted.has(product.id));
    },

    /** Newest first, after `position` (exclusive); never deleted products. */
    async list(filter: ProductFilter, position: ListPosition | undefined, limit: number): Promise<ProductRecord[]> {
      const query: Filter<ProductDocument> = { deletedAt: null, ...matchFilter(filter) };
      if (position) {
        query.$or = [{ createdAt: { $lt: position.createdAt } }, { createdAt: position.createdAt, _id: { $lt: position.id } }];
      }
      const documents = await collection.find(query, withoutInternals).sort({ createdAt: -1, _id: -1 }).limit(limit).toArray();
      return documents.map(toRecord);
    },

    /** Every product by id, deleted ones included, after `afterId` (exclusive). */
    async pageById(afterId: string | undefined, limit: number): Promise<ProductRecord[]> {
      const query: Filter<ProductDocument> = afterId ? { _id: { $gt: afterId } } : {};
      const documents = await collection.find(query, withoutInternals).sort({ _id: 1 }).limit(limit).toArray();
      return documents.map(toRecord);
    },

    /**
     * Sets fields if the product is still at `expectedRevision` and not deleted (optimistic concurrency
     * against writers in other processes). False when it was not. May throw a duplicate-key error (SKU).
     */
    async updateFields(id: string, expectedRevision: number, fields: Partial<EditableFields>, event: PendingEvent): Promise<boolean> {
      return write(id, async () => {
        const result = await collection.updateOne(
          { _id: id, revision: expectedRevision, deletedAt: null },
          { $set: { ...fields, updatedAt: event.occurredAt }, ...announce(event) },
        );
        return result.matchedCount === 1;
      });
    },

    /** Soft delete: inactive, with deletedAt. False when there is no such product (or it is already deleted). */
    async softDelete(id: string, event: PendingEvent): Promise<boolean> {
      return write(id, async () => {
        const result = await collection.updateOne(
          { _id: id, deletedAt: null },
          { $set: { active: false, deletedAt: event.occurredAt, updatedAt: event.occurredAt }, ...announce(event) },
        );
        return result.matchedCount === 1;
      });
    },
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
