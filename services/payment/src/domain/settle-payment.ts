import { newEnvelope, PaymentStatusV1, Topic, type PaymentOutcome } from '@pasar/contracts';
import { AppError, continueTrace } from '@pasar/service-kit';
import type { PaymentsRepository } from '../data-access/payments-repository.ts';
import type { Payment } from './payment.ts';
import type { ProviderWebhook } from './provider.ts';

export interface SettleDeps {
  payments: PaymentsRepository;
  /** After a commit: the order callback and payment-status message go out at once. */
  onSettled: () => void;
}

/**
 * A provider webhook. The verdict on a charge makes the payment final, with its payment-status
 * message and order callback committed alongside; REFUNDED ends a REFUND_PENDING payment, with its
 * payment-status message only. A replay, or a webhook out of turn, changes nothing.
 */
export function createPaymentSettler(deps: SettleDeps) {
  return async function settlePayment(webhook: ProviderWebhook): Promise<Payment> {
    const payment = await deps.payments.findByChargeId(webhook.chargeId);
    if (!payment) throw AppError.notFound(`No charge ${webhook.chargeId} is known`);
    // The provider's call starts a trace of its own: settling joins the order's, linked to it.
    return continueTrace(payment.trace, `settle payment ${webhook.outcome}`, {}, () => settle(payment, webhook));
  };

  async function settle(payment: Payment, webhook: ProviderWebhook): Promise<Payment> {
    const changed =
      webhook.outcome === 'REFUNDED'
        ? await deps.payments.confirmRefund({
            paymentId: payment.id,
            refundId: webhook.refundId,
            webhookEventId: webhook.eventId,
            message: paymentStatusMessage,
          })
        : await deps.payments.settle({
            paymentId: payment.id,
            status: chargeOutcomeOf(webhook.outcome),
            reason: webhook.outcome === 'DECLINED' ? (webhook.reason ?? 'declined by the provider') : undefined,
            webhookEventId: webhook.eventId,
            message: paymentStatusMessage,
          });
    if (!changed) return payment;
    deps.onSettled();
    return changed;
  }
}

function chargeOutcomeOf(outcome: 'APPROVED' | 'DECLINED'): PaymentOutcome {
  return outcome === 'APPROVED' ? 'SUCCEEDED' : 'FAILED';
}

function paymentStatusMessage(payment: Payment) {
  const refunded = payment.status === 'REFUNDED';
  const reason = refunded ? payment.refundReason : payment.failureReason;
  const payload = PaymentStatusV1.parse({
    ...newEnvelope(1, { occurredAt: (refunded ? payment.refundedAt : payment.finalizedAt) ?? new Date() }),
    paymentId: payment.id,
    orderId: payment.orderId,
    customerId: payment.customerId,
    status: payment.status,
    amount: payment.amount,
    ...(reason && { reason }),
  });
  return { topic: Topic.paymentStatus, payload, eventId: payload.eventId };
}
