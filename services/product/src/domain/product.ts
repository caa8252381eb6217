export type AttributeValue = string | number | boolean;
export type ChangeKind = 'created' | 'updated' | 'deleted' | 'stock';

/** A product-changed message not yet published, kept in the product document it is about. */
export interface PendingEvent {
  eventId: string;
  change: ChangeKind;
  occurredAt: Date;
  /** The trace of the request that made the change: the relay publishes the event in it. */
  traceparent?: string;
  tracestate?: string;
}

/** What a product is, as the domain sees it (plain object; no store internals). */
export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  description: string;
  category: string;
  price: { amount: number; currency: string };
  stock: number;
  images: string[];
  active: boolean;
  attributes: Record<string, AttributeValue>;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  revision: number;
}

export type EditableFields = Pick<
  ProductRecord,
  'sku' | 'name' | 'description' | 'category' | 'price' | 'stock' | 'images' | 'active' | 'attributes'
>;

export interface ProductWithPendingEvents {
  product: ProductRecord;
  pending: PendingEvent[];
}

export interface StockLine {
  productId: string;
  quantity: number;
}
