import { z } from 'zod';
import { Id, Money } from '../common.ts';
import { messageEnvelope } from './envelope.ts';

export const PaymentOutcome = z.enum(['SUCCEEDED', 'FAILED']);
export type PaymentOutcome = z.infer<typeof PaymentOutcome>;

/** What a payment-status message reports: a charge's outcome, or that a succeeded charge was given back. */
export const PaymentMessageStatus = z.enum(['SUCCEEDED', 'FAILED', 'REFUNDED']);
export type PaymentMessageStatus = z.infer<typeof PaymentMessageStatus>;

/**
 * "payment status message" (payment -> activity, email): once per outcome of the charge, and once
 * more (REFUNDED, with the reason) when a succeeded payment was refunded because its order could no
 * longer take it.
 */
export const PaymentStatusV1 = z.object({
  ...messageEnvelope(1),
  paymentId: Id,
  orderId: Id,
  customerId: Id,
  status: PaymentMessageStatus,
  amount: Money,
  reason: z.string().max(500).optional(),
});
export type PaymentStatusV1 = z.infer<typeof PaymentStatusV1>;
