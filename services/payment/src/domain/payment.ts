import type { Money } from '@pasar/contracts';
import type { TraceContext } from '@pasar/service-kit';

export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUND_PENDING' | 'REFUNDED';

export interface Payment {
  id: string;
  orderId: string;
  customerId: string;
  amount: Money;
  status: PaymentStatus;
  providerChargeId: string | null;
  failureReason: string | null;
  createdAt: Date;
  finalizedAt: Date | null;
  providerRefundId: string | null;
  refundReason: string | null;
  refundedAt: Date | null;
  /** The trace of the order that asked for it: its webhook, callback and messages continue it. */
  trace: TraceContext;
}

/**
 * Every move a payment can make. A charge's outcome ends PENDING; a succeeded payment the order
 * service refused for good (its order was cancelled meanwhile) waits for its refund, and the
 * provider's confirmation ends it. Nothing else moves: a replayed or out-of-turn webhook changes nothing.
 */
const NEXT: Record<PaymentStatus, readonly PaymentStatus[]> = {
  PENDING: ['SUCCEEDED', 'FAILED'],
  SUCCEEDED: ['REFUND_PENDING'],
  FAILED: [],
  REFUND_PENDING: ['REFUNDED'],
  REFUNDED: [],
};

/** The statuses a payment may move to `target` from (what a guarded UPDATE matches). */
export function statusesLeadingTo(target: PaymentStatus): PaymentStatus[] {
  return (Object.keys(NEXT) as PaymentStatus[]).filter((status) => NEXT[status].includes(target));
}

/** Why a refused succeeded payment is given back: the order service refuses SUCCEEDED when the order was cancelled first (its payment timed out, or staff cancelled it). */
export const REFUND_REASON = 'the order was cancelled before the payment arrived';
