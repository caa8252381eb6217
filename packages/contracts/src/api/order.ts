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

/** A page of orders, newest first: the caller's (GET /orders), or every customer's (GET /admin/orders). */
export const OrderPage = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });
export type OrderPage = z.infer<typeof OrderPage>;

export const OrderIdParams = z.object({ orderId: Id });

// Staff's view of every customer's orders (behind the gateway's /api/admin/orders, for a staff token).

/** A calendar day, `YYYY-MM-DD`, read as the UTC day (as the activity statistics count days). */
const Day = z.iso.date();

/** The rule of AdminListOrdersQuery its schema cannot state (a 422 names `from`). */
export const ADMIN_ORDER_RANGE_RULES = '`from` must not be a later day than `to`.';

/** GET /admin/orders: every customer's orders, newest first, filtered by status and by the day they were placed. */
export const AdminListOrdersQuery = ListOrdersQuery.extend({
  status: OrderStatus.optional().describe('Only the orders that are in this status now'),
  from: Day.optional().describe('Only the orders placed on this UTC day (YYYY-MM-DD) or later: the day is included'),
  to: Day.optional().describe('Only the orders placed on this UTC day (YYYY-MM-DD) or earlier: the day is included'),
}).refine((query) => query.from === undefined || query.to === undefined || query.from <= query.to, {
  path: ['from'],
  message: 'must not be after to',
});
export type AdminListOrdersQuery = z.infer<typeof AdminListOrdersQuery>;

/**
 * The payment as the order service knows it from the payment service's callback (it never asks the
 * payment service): PENDING, no outcome yet; SUCCEEDED; FAILED; NONE, the order was cancelled before
 * any outcome came (its payment timed out, or staff cancelled it).
 */
export const OrderPaymentStatus = z.enum(['PENDING', 'SUCCEEDED', 'FAILED', 'NONE']);
export type OrderPaymentStatus = z.infer<typeof OrderPaymentStatus>;

export const OrderPayment = z.object({
  status: OrderPaymentStatus.describe(
    'PENDING: no outcome yet; SUCCEEDED; FAILED; NONE: cancelled before any outcome came. As the order service knows it.',
  ),
  paymentId: Id.nullable(),
});
export type OrderPayment = z.infer<typeof OrderPayment>;

/** One step of an order's timeline: the status it entered, and when. */
export const OrderStatusChange = z.object({ status: OrderStatus, at: Timestamp });
export type OrderStatusChange = z.infer<typeof OrderStatusChange>;

/** GET /admin/orders/:orderId: any customer's order, with its payment and its timeline (oldest first). */
export const AdminOrderDetail = OrderView.extend({
  payment: OrderPayment,
  /** When its reserved stock went back (a cancelled order); null while the stock is kept. */
  stockReleasedAt: Timestamp.nullable(),
  statusHistory: z.array(OrderStatusChange),
});
export type AdminOrderDetail = z.infer<typeof AdminOrderDetail>;
