import { randomUUID } from 'node:crypto';
import { newEnvelope, type ProductChangedV1, type ProductSnapshot } from '@pasar/contracts';
import { currentTraceContext } from '@pasar/service-kit';
import type { ChangeKind, PendingEvent, ProductRecord } from './product.ts';

export function pendingEvent(change: ChangeKind, occurredAt = new Date()): PendingEvent {
  return { eventId: randomUUID(), change, occurredAt, ...currentTraceContext() };
}

/** The public view of a product: REST answers, RPC answers and messages all use it. */
export function toSnapshot(product: ProductRecord): ProductSnapshot {
  return {
    id: product.id,
    sku: product.sku,
    name: product.name,
    description: product.description,
    category: product.category,
    price: product.price,
    stock: product.stock,
    images: product.images,
    active: product.active,
    attributes: product.attributes,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
    revision: product.revision,
  };
}

/**
 * The message for a pending event, built when it is published from the product as it is then: a
 * stock change is a bare $inc, so the state right after it is not known when the event is written.
 * The revision tells consumers which state is newer; a deleted product is sent as deleted.
 */
export function productChangedMessage(product: ProductRecord, event: PendingEvent): ProductChangedV1 {
  const deleted = product.deletedAt !== null;
  return {
    ...newEnvelope(1, event),
    change: deleted ? 'deleted' : event.change,
    productId: product.id,
    revision: product.revision,
    product: deleted ? null : toSnapshot(product),
  };
}
