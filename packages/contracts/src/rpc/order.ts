import { z } from 'zod';
import { AppId } from '../app-ids.ts';
import { Address, Id, Money, PageCursor, QueryInteger, Timestamp } from '../common.ts';
import { OrderLine } from '../messages/order.ts';
import { PaymentOutcome } from '../messages/payment.ts';
import { defineRpc } from './define.ts';

export const OrderStatus = z.enum(['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED']);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** "payment status callback" (payment -> order). Repeating it changes nothing. */
export const paymentStatusCallback = defineRpc({
  name: 'order.paymentStatusCallback',
  appId: AppId.order,
  method: 'POST',
  path: '/internal/orders/:orderId/payment-status',
  params: z.object({ orderId: Id }),
  body: z.object({ paymentId: Id, status: PaymentOutcome, reason: z.string().max(500).optional() }),
  response: z.object({ orderId: Id, status: OrderStatus }),
});

/*
 * The order service's public REST schemas (POST /orders, GET /orders, GET /orders/:orderId), kept
 * here until packages/contracts/src/api has an order.ts. The caller is CUSTOMER_ID_HEADER.
 */
export const PlaceOrderLine = z.object({ productId: Id, quantity: z.number().int().positive().max(1000) });

export const PlaceOrderRequest = z.object({
  items: z.array(PlaceOrderLine).min(1).max(100),
  /** Default: the customer's default address. */
  shippingAddress: Address.optional(),
});
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequest>;

/** Sent with POST /orders: a retry with the same key (and body) answers the first order again. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IdempotencyKey = z.string().min(1).max(200);

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
