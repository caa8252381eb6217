import { randomUUID } from 'node:crypto';
import { PaymentStatusV1, Topic, type PaymentOutcome } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { PaymentsRepository } from '../data-access/payments-repository.ts';
import type { Payment } from './payment.ts';
import type { ProviderWebhook } from './provider.ts';

export interface SettleDeps {
  payments: PaymentsRepository;
  /** After a commit: the order callback and payment-status message go out at once. */
  onSettled: () => void;
}

/**
 * The provider's verdict on a charge. The first one makes the payment final, with its
 * payment-status message and order callback committed alongside; a replay changes nothing.
 */
export function createPaymentSettler(deps: SettleDeps) {
  return async function settlePayment(webhook: ProviderWebhook): Promise<Payment> {
    const payment = await deps.payments.findByChargeId(webhook.chargeId);
    if (!payment) throw AppError.notFound(`No charge ${webhook.chargeId} is known`);
    const status: PaymentOutcome = webhook.outcome === 'APPROVED' ? 'SUCCEEDED' : 'FAILED';
    const settled = await deps.payments.settle({
      paymentId: payment.id,
      status,
      reason: status === 'FAILED' ? (webhook.reason ?? 'declined by the provider') : undefined,
      webhookEventId: webhook.eventId,
      message: paymentStatusMessage,
    });
    if (!settled) return payment;
    deps.onSettled();
    return settled;
  };
}

function paymentStatusMessage(payment: Payment) {
  const payload = PaymentStatusV1.parse({
    eventId: randomUUID(),
    version: 1,
    occurredAt: (payment.finalizedAt ?? new Date()).toISOString(),
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    status: payment.status,
    amount: payment.amount,
    ...(payment.failureReason && { reason: payment.failureReason }),
  });
  return { topic: Topic.paymentStatus, payload, eventId: payload.eventId };
}
