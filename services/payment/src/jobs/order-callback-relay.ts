import type { PaymentOutcome } from '@pasar/contracts';
import { continueTrace, RpcError, startBackgroundLoop, type BackgroundLoop, type Logger } from '@pasar/service-kit';
import type { Peers } from '../data-access/peers.ts';
import type { CallbackResult, DueCallback, DueWorkRepository } from '../data-access/due-work-repository.ts';
import { errorText, RELAY_MAX_BACKOFF_MS, retryLater } from './retry-later.ts';

const BATCH = 20;

/**
 * Tells the order service each final payment status through Dapr (whose resiliency retries a
 * transient failure first). What still fails stays pending in the table and is retried with
 * backoff, across restarts, so no outcome is lost; a 4xx answer (the order is unknown, or can no
 * longer take this outcome) is final and recorded as REJECTED, and a succeeded payment refused so
 * becomes REFUND_PENDING in the same transaction; `onRefused` runs once that is committed.
 */
export function startOrderCallbackRelay(deps: {
  dueWork: DueWorkRepository;
  peers: Peers;
  logger: Logger;
  pollIntervalMs: number;
  onRefused?: () => void;
}): BackgroundLoop {
  let refused = false;
  const deliver = async ({ payment, attempts }: DueCallback): Promise<CallbackResult> => {
    try {
      await continueTrace(payment.trace, 'payment status callback', {}, () =>
        deps.peers.reportPaymentStatus(payment.orderId, {
          paymentId: payment.id,
          status: payment.status as PaymentOutcome,
          ...(payment.failureReason && { reason: payment.failureReason }),
        }),
      );
      return { kind: 'done' };
    } catch (error) {
      if (isRefusal(error)) {
        deps.logger.error(
          { err: error, paymentId: payment.id, orderId: payment.orderId, status: payment.status },
          'the order service refused a payment status',
        );
        refused = true;
        return { kind: 'rejected', error: errorText(error) };
      }
      const retry = retryLater(error, attempts);
      deps.logger.warn({ err: error, paymentId: payment.id, delayMs: retry.delayMs }, 'payment status callback failed; retrying later');
      return retry;
    }
  };

  return startBackgroundLoop(
    async () => {
      while ((await deps.dueWork.withDueCallbacks(BATCH, deliver)) === BATCH);
      if (refused) deps.onRefused?.();
      refused = false;
      return deps.pollIntervalMs;
    },
    {
      backoff: { initialMs: deps.pollIntervalMs, maxMs: RELAY_MAX_BACKOFF_MS },
      onError: (error, retry) => deps.logger.warn({ err: error, ...retry }, 'order callback relay: cycle failed'),
    },
  );
}

function isRefusal(error: unknown): boolean {
  return error instanceof RpcError && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}
