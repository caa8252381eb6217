import type { AuditEntry, OrderStatus, PaymentOutcome } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { OrdersRepository, StatusChange } from '../data-access/orders-repository.ts';
import type { Peers } from '../data-access/peers.ts';
import type { Order } from './order.ts';
import { planTransition } from './order-status.ts';

export interface PaymentResult {
  paymentId: string;
  status: PaymentOutcome;
  reason?: string | undefined;
}

export interface LifecycleDeps {
  orders: Pick<OrdersRepository, 'findById' | 'changeStatus' | 'markStockReleased'>;
  peers: Peers;
  logger: Logger;
}

/** The failure reason of an order the sweeper cancelled. */
export const PAYMENT_TIMED_OUT = 'payment timed out';

export type OrderLifecycle = ReturnType<typeof createOrderLifecycle>;

/** What happens to an order after it was placed: its payment's outcome, a timeout, the stock's release. */
export function createOrderLifecycle(deps: LifecycleDeps) {
  const { orders } = deps;

  /** Moves the order to `target` unless it is there already; refuses an illegal move (409). */
  async function moveTo(orderId: string, target: OrderStatus, change: StatusChange = {}): Promise<Order> {
    for (;;) {
      const order = await orders.findById(orderId);
      if (!order) throw AppError.notFound(`Order ${orderId} does not exist`);
      if (planTransition(order.status, target) === 'already-done') return order;
      const changed = await orders.changeStatus(orderId, order.status, target, change);
      if (changed) return changed;
      // Another request changed it first: decide again on its new status.
    }
  }

  /** Releases the stock of a failed or cancelled order, then finishes a failed one as CANCELLED. */
  async function releaseStockOf(order: Order): Promise<Order> {
    await deps.peers.releaseStock(order.id);
    await orders.markStockReleased(order.id);
    if (order.status !== 'PAYMENT_FAILED') return order;
    return (await orders.changeStatus(order.id, 'PAYMENT_FAILED', 'CANCELLED')) ?? (await moveTo(order.id, 'CANCELLED'));
  }

  /** The release can fail (product down): the order keeps its status and the sweeper tries again. */
  async function tryReleaseStockOf(order: Order): Promise<Order> {
    try {
      return await releaseStockOf(order);
    } catch (error) {
      deps.logger.warn({ err: error, orderId: order.id }, 'stock release failed; the sweeper will retry it');
      return order;
    }
  }

  return {
    /** The payment service's callback. Repeating it changes nothing. */
    async applyPaymentResult(orderId: string, result: PaymentResult): Promise<Order> {
      if (result.status === 'SUCCEEDED') return moveTo(orderId, 'PAID', { paymentId: result.paymentId });
      const current = await orders.findById(orderId);
      // Already cancelled (a repeated callback, or the payment timed out first): nothing left to do.
      if (current?.status === 'CANCELLED') return current;
      const failed = await moveTo(orderId, 'PAYMENT_FAILED', {
        paymentId: result.paymentId,
        failureReason: result.reason ?? 'payment failed',
      });
      return tryReleaseStockOf(failed);
    },

    /**
     * Cancels an order still waiting for its payment (it did not come in time, or staff cancelled it:
     * `audit`, committed with the cancellation) and releases its stock. Undefined when it was no
     * longer pending (or does not exist).
     */
    async cancelUnpaid(orderId: string, reason = PAYMENT_TIMED_OUT, audit?: AuditEntry): Promise<Order | undefined> {
      const cancelled = await orders.changeStatus(orderId, 'PENDING_PAYMENT', 'CANCELLED', { failureReason: reason, audit });
      return cancelled && (await tryReleaseStockOf(cancelled));
    },

    /** Finishes a cancellation whose stock release failed before. */
    async finishCancellation(orderId: string): Promise<void> {
      const order = await orders.findById(orderId);
      if (order && !order.stockReleasedAt && (order.status === 'PAYMENT_FAILED' || order.status === 'CANCELLED'))
        await releaseStockOf(order);
    },
  };
}
