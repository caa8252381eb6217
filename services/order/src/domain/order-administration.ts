import { newAuditEntry, type AuditActor } from '@pasar/audit';
import type { AdminListOrdersQuery, AdminOrderDetail, OrderPage, OrderPayment, OrderPaymentStatus, OrderStatus } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { OrderFilter, OrdersRepository, StatusChangeRecord } from '../data-access/orders-repository.ts';
import type { OrderLifecycle } from './order-lifecycle.ts';
import { toOrderView, type Order } from './order.ts';
import { readOrderPage } from './order-queries.ts';

/** The failure reason of an order staff cancelled; the storefront knows it by this text (web/src/i18n.ts). */
export const CANCELLED_BY_STAFF = 'cancelled by staff';

/** The audit trail's action of a cancel by staff. */
export const ORDER_CANCELLED = 'order.cancelled';

const DAY_MS = 86_400_000;

export type OrderAdministration = ReturnType<typeof createOrderAdministration>;

/** What staff do with every customer's orders: list them, read one whole, cancel one still unpaid. */
export function createOrderAdministration(deps: {
  orders: Pick<OrdersRepository, 'findById' | 'list' | 'statusHistoryOf'>;
  lifecycle: Pick<OrderLifecycle, 'cancelUnpaid'>;
  logger: Logger;
}) {
  const { orders } = deps;

  async function existingOrder(orderId: string): Promise<Order> {
    const order = await orders.findById(orderId);
    if (!order) throw AppError.notFound(`Order ${orderId} does not exist`);
    return order;
  }

  return {
    pageOfOrders: (query: AdminListOrdersQuery): Promise<OrderPage> =>
      readOrderPage((rows, after) => orders.list(filterOf(query), rows, after), query.limit, query.cursor),

    async detailOf(orderId: string): Promise<AdminOrderDetail> {
      const order = await existingOrder(orderId);
      return toAdminOrderDetail(order, await orders.statusHistoryOf(orderId));
    },

    /**
     * Cancels an unpaid order through the lifecycle, which gives its stock back (or leaves that to the
     * sweeper when the product service is down), and records it in the audit trail in the same
     * transaction (a repeated cancel that is answered again records nothing). A payment that succeeds
     * later is refused by the order, and the payment service refunds it, as after a timeout.
     */
    async cancel(orderId: string, staff: AuditActor): Promise<Order> {
      const audit = newAuditEntry(staff, { action: ORDER_CANCELLED, target: orderId });
      const cancelled = await deps.lifecycle.cancelUnpaid(orderId, CANCELLED_BY_STAFF, audit);
      if (!cancelled) return answerToCancellingAgain(await existingOrder(orderId));
      deps.logger.info({ orderId, staffId: staff.id }, 'order cancelled by staff');
      return cancelled;
    },
  };
}

/**
 * An order that was no longer pending when staff asked to cancel it: one staff cancelled is answered
 * again (a retry, by the client or by daprd after a broken connection, gets the first answer); any
 * other is a 409 naming its status (PAID, PAYMENT_FAILED, or CANCELLED otherwise, e.g. timed out).
 */
export function answerToCancellingAgain(order: Order): Order {
  if (order.status === 'CANCELLED' && order.failureReason === CANCELLED_BY_STAFF) return order;
  const why = order.failureReason ? ` (${order.failureReason})` : '';
  throw AppError.conflict(`Order ${order.id} is ${order.status}${why}: only an unpaid order (PENDING_PAYMENT) can be cancelled`);
}

/** The query's days as times: `from` from its UTC midnight on, `to` up to the next one (both days included). */
export function filterOf(query: Pick<AdminListOrdersQuery, 'status' | 'from' | 'to'>): OrderFilter {
  return {
    ...(query.status !== undefined && { status: query.status }),
    ...(query.from !== undefined && { createdFrom: startOfDay(query.from) }),
    ...(query.to !== undefined && { createdBefore: new Date(startOfDay(query.to).getTime() + DAY_MS) }),
  };
}

const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

const PAYMENT_STATUS_OF: Record<OrderStatus, OrderPaymentStatus> = {
  PENDING_PAYMENT: 'PENDING',
  PAID: 'SUCCEEDED',
  PAYMENT_FAILED: 'FAILED',
  CANCELLED: 'NONE',
};

/**
 * The payment as this service knows it from the payment service's callback. The payment service
 * is not asked: the design draws no order -> payment edge (only payment -> order, the callback).
 */
export function paymentOf(order: Order): OrderPayment {
  // A payment id comes only with an outcome, so a cancelled order that has one was cancelled after its payment failed.
  const status = order.status === 'CANCELLED' && order.paymentId !== null ? 'FAILED' : PAYMENT_STATUS_OF[order.status];
  return { status, paymentId: order.paymentId };
}

export function toAdminOrderDetail(order: Order, history: StatusChangeRecord[]): AdminOrderDetail {
  return {
    ...toOrderView(order),
    payment: paymentOf(order),
    stockReleasedAt: order.stockReleasedAt?.toISOString() ?? null,
    statusHistory: history.map((change) => ({ status: change.status, at: change.at.toISOString() })),
  };
}
