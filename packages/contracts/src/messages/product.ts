import { z } from 'zod';
import { Attributes, Id, Money, Timestamp } from '../common.ts';
import { messageEnvelope } from './envelope.ts';

/** The searchable view of a product, as the product service publishes it. */
export const ProductSnapshot = z.object({
  id: Id,
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  price: Money,
  stock: z.number().int().nonnegative(),
  images: z.array(z.url()),
  active: z.boolean(),
  attributes: Attributes,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** Increases on every change; the catalog never lets an older version overwrite a newer one. */
  revision: z.number().int().nonnegative(),
});
export type ProductSnapshot = z.infer<typeof ProductSnapshot>;

/**
 * Sent after every create, update, delete and stock change (through an outbox, so at least once).
 * `revision` and `product` are the product's state when the message was sent, which may already
 * include later changes: keep the highest revision, and treat a product that is `deleted` or not
 * `active` as not for sale. Several messages may carry the same revision.
 */
export const ProductChangedV1 = z.object({
  ...messageEnvelope(1),
  change: z.enum(['created', 'updated', 'deleted', 'stock']),
  productId: Id,
  revision: z.number().int().nonnegative(),
  /** Null when the product was deleted. */
  product: ProductSnapshot.nullable(),
});
export type ProductChangedV1 = z.infer<typeof ProductChangedV1>;

/** "search product message" (catalog -> activity). */
export const ProductSearchedV1 = z.object({
  ...messageEnvelope(1),
  customerId: Id.nullable(),
  query: z.string().max(500),
  filters: z.record(z.string(), z.unknown()),
  resultCount: z.number().int().nonnegative(),
});
export type ProductSearchedV1 = z.infer<typeof ProductSearchedV1>;
