import type { OrderStatus } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';

/**
 * The order's life:
 *   PENDING_PAYMENT -> PAID             payment succeeded
 *   PENDING_PAYMENT -> PAYMENT_FAILED   payment failed (stock still reserved)
 *   PAYMENT_FAILED  -> CANCELLED        after its stock was released
 *   PENDING_PAYMENT -> CANCELLED        no payment outcome within the timeout (stock released after)
 * PAID and CANCELLED are final.
 */
const ALLOWED: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING_PAYMENT: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAYMENT_FAILED: ['CANCELLED'],
  PAID: [],
  CANCELLED: [],
};

export type TransitionPlan = 'apply' | 'already-done';

/** Whether moving from `current` to `target` is to be applied, was already done (a no-op), or is refused (409). */
export function planTransition(current: OrderStatus, target: OrderStatus): TransitionPlan {
  if (current === target) return 'already-done';
  if (ALLOWED[current].includes(target)) return 'apply';
  throw AppError.conflict(`An order that is ${current} cannot become ${target}`);
}
