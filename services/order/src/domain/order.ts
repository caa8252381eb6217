import type { Address, Money, OrderLine, OrderStatus, OrderView } from '@pasar/contracts';

/** An order as the service keeps it. */
export interface Order {
  id: string;
  customerId: string;
  status: OrderStatus;
  items: OrderLine[];
  total: Money;
  shippingAddress: Address;
  paymentId: string | null;
  failureReason: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  /** The revision of the cart the order was placed from (null: its lines were given): the cart is emptied only while it still has it. */
  cartRevision: string | null;
  stockReleasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    items: order.items,
    total: order.total,
    shippingAddress: order.shippingAddress,
    paymentId: order.paymentId,
    failureReason: order.failureReason,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
