// Public REST request/response schemas of the order service (behind the gateway's /api/orders).
// The caller is CUSTOMER_ID_HEADER, set by the gateway.
import { z } from 'zod';
import { Address, Id, Money, PageCursor, QueryInteger, Timestamp } from '../common.ts';
import { IDEMPOTENCY_KEY_HEADER } from '../headers.ts';
import { OrderLine } from '../messages/order.ts';

export const OrderStatus = z.enum(['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const PlaceOrderLine = z.object({ productId: Id, quantity: z.number().int().positive().max(1000) });

export const PlaceOrderRequest = z.object({
  items: z.array(PlaceOrderLine).min(1).max(100),
  /** Default: the customer's default address. */
  shippingAddress: Address.optional(),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

export const IdempotencyKey = z.string().min(1).max(200);
/** POST /orders: a retry with the same key (and body) answers the first order again. */
export const IdempotencyHeaders = z.object({ [IDEMPOTENCY_KEY_HEADER]: IdempotencyKey.optional() });

export const OrderView = z.object({
  id: Id,
  customerId: Id,
  status: OrderStatus,
  items: z.array(OrderLine),
  total: Money,
  shippingAddress: Address,
  paymentId: Id.nullable(),
  failureReason: z.string().nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderListCursor = PageCursor('\\d{1,15}');

export const ListOrdersQuery = z.object({
  limit: QueryInteger({ min: 1, max: 100 }).default(20),
  /** The nextCursor of the previous page (`<created at, epoch ms>_<id>`). */
  cursor: OrderListCursor.optional(),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuery>;

/** The caller's orders, newest first. */
export const OrderPage = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof OrderPage>;

export const OrderIdParams = z.object({ orderId: Id });
