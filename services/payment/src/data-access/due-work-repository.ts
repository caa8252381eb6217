import { inTransaction, type Pool, type PoolClient } from '@pasar/postgres';
import { REFUND_REASON, statusesLeadingTo, type Payment } from '../domain/payment.ts';
import { storeCall } from './db.ts';
import { paymentOf, type PaymentRow } from './payment-rows.ts';

/** A payment whose final status the order service has not acknowledged yet. */
export interface DueCallback {
  payment: Payment;
  attempts: number;
}

/** A payment to refund whose refund the provider has not accepted yet. */
export interface DueRefund {
  payment: Payment;
  attempts: number;
}

export type DueWorkRepository = ReturnType<typeof createDueWorkRepository>;

/**
 * The payments' due work, kept in the payments table so it survives restarts: order callbacks to
 * deliver and refunds to request, each claimed by one replica at a time and retried with backoff
 * (the jobs in src/jobs decide the outcome, this records it).
 */
export function createDueWorkRepository(pool: Pool) {
  return {
    /**
     * Claims due callbacks (FOR UPDATE SKIP LOCKED, so replicas share them), delivers them all at
     * once (each concerns another order) and records each result, within the claiming transaction.
     */
    withDueCallbacks: (limit: number, deliver: (due: DueCallback) => Promise<CallbackResult>) =>
      processDue(
        `callback_state = 'PENDING' and callback_next_at <= now() order by callback_next_at`,
        'callback_attempts',
        limit,
        deliver,
        recordCallbackResult,
      ),

    /**
     * Claims due refund requests like withDueCallbacks does callbacks. The claim holds the rows until
     * the provider's answers are recorded; a crash in between leaves them due, and the provider's
     * idempotency key makes the next request the same refund.
     */
    withDueRefunds: (limit: number, request: (due: DueRefund) => Promise<RefundResult>) =>
      processDue(
        `status = 'REFUND_PENDING' and provider_refund_id is null and refund_next_at <= now() order by refund_next_at`,
        'refund_attempts',
        limit,
        request,
        recordRefundResult,
      ),
  };

  /** One transaction: claim up to `limit` due rows, handle them all at once, record each result. */
  async function processDue<R>(
    dueAndOrder: string,
    attemptsColumn: 'callback_attempts' | 'refund_attempts',
    limit: number,
    handle: (due: { payment: Payment; attempts: number }) => Promise<R>,
    record: (client: PoolClient, paymentId: string, result: R) => Promise<void>,
  ): Promise<number> {
    return storeCall(() =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<PaymentRow & Record<typeof attemptsColumn, number>>(
          `select * from payments where ${dueAndOrder} limit $1 for update skip locked`,
          [limit],
        );
        const results = await Promise.all(rows.map((row) => handle({ payment: paymentOf(row), attempts: row[attemptsColumn] })));
        for (const [index, result] of results.entries()) await record(client, rows[index]!.id, result);
        return rows.length;
      }),
    );
  }
}

export type RefundResult = { kind: 'requested'; refundId: string } | { kind: 'retry'; delayMs: number; error: string };

async function recordRefundResult(client: PoolClient, paymentId: string, result: RefundResult): Promise<void> {
  if (result.kind === 'requested') {
    await client.query(
      `update payments set provider_refund_id = $2, refund_attempts = refund_attempts + 1, refund_last_error = null, updated_at = now() where id = $1`,
      [paymentId, result.refundId],
    );
  } else {
    await client.query(
      `update payments set refund_attempts = refund_attempts + 1, refund_last_error = $3,
         refund_next_at = now() + make_interval(secs => $2::double precision / 1000) where id = $1`,
      [paymentId, result.delayMs, result.error],
    );
  }
}

export type CallbackResult =
  | { kind: 'done' }
  /** Refused for good; a succeeded payment is then refunded. */
  | { kind: 'rejected'; error: string }
  | { kind: 'retry'; delayMs: number; error: string };

async function recordCallbackResult(client: PoolClient, paymentId: string, result: CallbackResult): Promise<void> {
  if (result.kind === 'done') {
    await client.query(
      `update payments set callback_state = 'DONE', callback_attempts = callback_attempts + 1, callback_last_error = null where id = $1`,
      [paymentId],
    );
  } else if (result.kind === 'rejected') {
    await client.query(
      `update payments set callback_state = 'REJECTED', callback_attempts = callback_attempts + 1, callback_last_error = $2 where id = $1`,
      [paymentId, result.error],
    );
    // Money taken for an order that can no longer take it goes back (a FAILED payment stays as it is).
    await client.query(
      `update payments set status = 'REFUND_PENDING', refund_reason = $2, refund_next_at = now(), updated_at = now()
       where id = $1 and status = any($3::text[])`,
      [paymentId, REFUND_REASON, statusesLeadingTo('REFUND_PENDING')],
    );
  } else {
    await client.query(
      `update payments set callback_attempts = callback_attempts + 1, callback_last_error = $3,
         callback_next_at = now() + make_interval(secs => $2::double precision / 1000) where id = $1`,
      [paymentId, result.delayMs, result.error],
    );
  }
}
