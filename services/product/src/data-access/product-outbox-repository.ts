import { guardStoreCalls } from '@pasar/service-kit';
import type { UpdateFilter } from 'mongodb';
import type { PendingEvent, ProductWithPendingEvents } from '../domain/product.ts';
import { toRecord, type ProductDocument, type ProductDocuments } from './product-documents.ts';
import { PRODUCT_STORE } from './store-errors.ts';

/** What a write adds to announce its change: the event into the document's outbox, a revision bump. */
export function announce(event: PendingEvent): UpdateFilter<ProductDocument> {
  return { $inc: { revision: 1 }, $push: { outbox: event } };
}

/** Products a backlog measurement reads at most: a backlog larger than this is counted as this. */
const BACKLOG_SCAN_LIMIT = 10_000;

export type ProductOutboxRepository = ReturnType<typeof createProductOutboxRepository>;

/** The product-changed events waiting in product documents, as the relay (jobs/outbox-relay.ts) reads and removes them. */
export function createProductOutboxRepository({ collection, write }: ProductDocuments) {
  return guardStoreCalls(PRODUCT_STORE, {
    /** Products with events still to publish, each with its pending events in the order they were written. */
    async findWithPendingEvents(limit: number): Promise<ProductWithPendingEvents[]> {
      const documents = await collection
        .find({ 'outbox.eventId': { $exists: true } })
        .limit(limit)
        .toArray();
      return documents.map(withPendingEvents);
    },

    /** One product's pending events (looked up by exactly { _id }); null when it has none. */
    async findPendingEventsOf(productId: string): Promise<ProductWithPendingEvents | null> {
      const document = await collection.findOne({ _id: productId });
      return document && document.outbox.length > 0 ? withPendingEvents(document) : null;
    },

    /**
     * Removes published events, given exactly as they were read: FerretDB 1.24 ignores a $pull
     * condition such as { eventId } (it matches nothing), while whole elements ($pullAll) work on both.
     */
    /** How many events wait, and how long the oldest has (for /metrics). */
    async measureBacklog(): Promise<{ messages: number; oldestAgeSeconds: number }> {
      const documents = await collection
        .find({ 'outbox.eventId': { $exists: true } }, { projection: { outbox: 1 } })
        .limit(BACKLOG_SCAN_LIMIT)
        .toArray();
      const pending = documents.flatMap((document) => document.outbox);
      const oldest = Math.min(...pending.map((event) => event.occurredAt.getTime()));
      return { messages: pending.length, oldestAgeSeconds: pending.length ? (Date.now() - oldest) / 1000 : 0 };
    },

    async removePendingEvents(productId: string, events: PendingEvent[]): Promise<void> {
      if (events.length === 0) return;
      await write(productId, () => collection.updateOne({ _id: productId }, { $pullAll: { outbox: events } }));
    },
  });
}

function withPendingEvents(document: ProductDocument): ProductWithPendingEvents {
  return { product: toRecord(document), pending: document.outbox };
}
