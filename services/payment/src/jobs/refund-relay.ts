import { startBackgroundLoop, type BackgroundLoop, type Logger } from '@pasar/service-kit';
import type { DueRefund, DueWorkRepository, RefundResult } from '../data-access/due-work-repository.ts';
import type { PaymentProvider } from '../domain/provider.ts';
import { RELAY_MAX_BACKOFF_MS, retryLater } from './retry-later.ts';

const BATCH = 20;

/**
 * Asks the provider to refund each REFUND_PENDING payment, driven from the table, so a refusal
 * recorded just before a crash is still refunded after the restart. The payment id (prefixed) is
 * the idempotency key: a repeated request is the same refund. A failed request is retried with
 * backoff; the provider's REFUNDED webhook finishes the payment (see settle-payment.ts).
 */
export function startRefundRelay(deps: {
  dueWork: DueWorkRepository;
  provider: PaymentProvider;
  logger: Logger;
  pollIntervalMs: number;
}): BackgroundLoop {
  const request = async ({ payment, attempts }: DueRefund): Promise<RefundResult> => {
    try {
      const { refundId } = await deps.provider.refund({ chargeId: payment.providerChargeId!, idempotencyKey: refundKeyOf(payment.id) });
      deps.logger.info({ paymentId: payment.id, orderId: payment.orderId, refundId }, 'refund requested');
      return { kind: 'requested', refundId };
    } catch (error) {
      const retry = retryLater(error, attempts);
      deps.logger.warn({ err: error, paymentId: payment.id, delayMs: retry.delayMs }, 'refund request failed; retrying later');
      return retry;
    }
  };

  return startBackgroundLoop(
    async () => {
      while ((await deps.dueWork.withDueRefunds(BATCH, request)) === BATCH);
      return deps.pollIntervalMs;
    },
    {
      backoff: { initialMs: deps.pollIntervalMs, maxMs: RELAY_MAX_BACKOFF_MS },
      onError: (error, retry) => deps.logger.warn({ err: error, ...retry }, 'refund relay: cycle failed'),
    },
  );
}

export function refundKeyOf(paymentId: string): string {
  return `refund:${paymentId}`;
}
