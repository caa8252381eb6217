import type { Payment, PaymentStatus } from '../domain/payment.ts';

/** A row of the payments table, as both repositories read it. */
export interface PaymentRow {
  id: string;
  order_id: string;
  customer_id: string;
  amount: string;
  currency: string;
  status: PaymentStatus;
  provider_charge_id: string | null;
  failure_reason: string | null;
  created_at: Date;
  finalized_at: Date | null;
  provider_refund_id: string | null;
  refund_reason: string | null;
  refunded_at: Date | null;
  traceparent: string | null;
  tracestate: string | null;
}

export function paymentOf(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    customerId: row.customer_id,
    amount: { amount: Number(row.amount), currency: row.currency },
    status: row.status,
    providerChargeId: row.provider_charge_id,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    finalizedAt: row.finalized_at,
    providerRefundId: row.provider_refund_id,
    refundReason: row.refund_reason,
    refundedAt: row.refunded_at,
    trace: { ...(row.traceparent && { traceparent: row.traceparent }), ...(row.tracestate && { tracestate: row.tracestate }) },
  };
}
