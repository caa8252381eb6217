import { z } from 'zod';
import { Id, Money } from '../common.ts';
import { messageEnvelope } from './envelope.ts';

export const PaymentOutcome = z.enum(['SUCCEEDED', 'FAILED']);
export type PaymentOutcome = z.infer<typeof PaymentOutcome>;

/** "payment status message" (payment -> activity, email), on a final status only. */
export const PaymentStatusV1 = z.object({
  ...messageEnvelope(1),
  paymentId: Id,
  orderId: Id,
  customerId: Id,
  status: PaymentOutcome,
  amount: Money,
  reason: z.string().max(500).optional(),
});
export type PaymentStatusV1 = z.infer<typeof PaymentStatusV1>;
