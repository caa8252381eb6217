import type { PaymentOutcome } from '@pasar/contracts';
import { inTransaction, insertOutboxMessage, recordInboxEvent, type OutboxMessage, type Pool, type PoolClient } from '@pasar/postgres';
import { REFUND_REASON, statusesLeadingTo, type Payment, type PaymentStatus } from '../domain/payment.ts';
import { storeCall } from './db.ts';

interface PaymentRow {
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
}

export interface NewPayment {
  id: string;
  orderId: string;
  customerId: string;
  amount: { amount: number; currency: string };
}

export interface Settlement {
  paymentId: string;
  status: PaymentOutcome;
  reason: string | undefined;
  /** The provider's webhook event id, recorded in the inbox. */
  webhookEventId: string;
  message: (payment: Payment) => OutboxMessage;
}

/** The provider's confirmation of a refund. */
export interface RefundConfirmation {
  paymentId: string;
  refundId: string | undefined;
  webhookEventId: string;
  message: (payment: Payment) => OutboxMessage;
}

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

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;

export function createPaymentsRepository(pool: Pool) {
  const one = async (where: string, values: unknown[]) => {
    const { rows } = await storeCall(() => pool.query<PaymentRow>(`select * from payments where ${where}`, values));
    return rows[0] ? paymentOf(rows[0]) : undefined;
  };

  return {
    /** Inserts the payment of an order unless it has one; answers the order's one payment either way. */
    async createOnce(payment: NewPayment): Promise<Payment> {
      await storeCall(() => pool.query(
        `insert into payments (id, order_id, customer_id, amount, currency, status) values ($1, $2, $3, $4, $5, 'PENDING')
         on conflict (order_id) do nothing`,
        [payment.id, payment.orderId, payment.customerId, payment.amount.amount, payment.amount.currency],
      ));
      const stored = await one('order_id = $1', [payment.orderId]);
      if (!stored) throw new Error(`the payment of order ${payment.orderId} vanished`);
      return stored;
    },

    async recordCharge(paymentId: string, chargeId: string): Promise<void> {
      await storeCall(() => pool.query(
        'update payments set provider_charge_id = $2, updated_at = now() where id = $1 and provider_charge_id is null', [paymentId, chargeId],
      ));
    },

    findById: (id: string) => one('id = $1', [id]),
    findByOrderId: (orderId: string) => one('order_id = $1', [orderId]),
    findByChargeId: (chargeId: string) => one('provider_charge_id = $1', [chargeId]),

    /**
     * The final status, its payment-status message and a pending callback, in one transaction; only
     * from PENDING and only once per webhook event. Undefined when nothing changed (a replay).
     */
    async settle(settlement: Settlement): Promise<Payment | undefined> {
      return storeCall(() => inTransaction(pool, async (client) => {
        if (!(await recordInboxEvent(client, settlement.webhookEventId, 'provider-webhook'))) return undefined;
        const { rows } = await client.query<PaymentRow>(
          `update payments set status = $2, failure_reason = $3, finalized_at = now(), updated_at = now(),
             callback_state = 'PENDING', callback_next_at = now()
           where id = $1 and status = any($4::text[]) returning *`,
          [settlement.paymentId, settlement.status, settlement.reason ?? null, statusesLeadingTo(settlement.status)],
        );
        const settled = rows[0] ? paymentOf(rows[0]) : undefined;
        if (settled) await insertOutboxMessage(client, settlement.message(settled));
        return settled;
      }));
    },

    /**
     * REFUNDED and its payment-status message, in one transaction; only from REFUND_PENDING and only
     * once per webhook event (no order callback: the order is cancelled already). Undefined when
     * nothing changed.
     */
    async confirmRefund(confirmation: RefundConfirmation): Promise<Payment | undefined> {
      return storeCall(() => inTransaction(pool, async (client) => {
        if (!(await recordInboxEvent(client, confirmation.webhookEventId, 'provider-webhook'))) return undefined;
        const { rows } = await client.query<PaymentRow>(
          `update payments set status = 'REFUNDED', refunded_at = now(), updated_at = now(),
             provider_refund_id = coalesce(provider_refund_id, $2)
           where id = $1 and status = any($3::text[]) returning *`,
          [confirmation.paymentId, confirmation.refundId ?? null, statusesLeadingTo('REFUNDED')],
        );
        const refunded = rows[0] ? paymentOf(rows[0]) : undefined;
        if (refunded) await insertOutboxMessage(client, confirmation.message(refunded));
        return refunded;
      }));
    },

    /**
     * Claims due callbacks (FOR UPDATE SKIP LOCKED, so replicas share them), delivers them all at
     * once (each concerns another order) and records each result, within the claiming transaction.
     */
    withDueCallbacks: (limit: number, deliver: (due: DueCallback) => Promise<CallbackResult>) => processDue(
      `callback_state = 'PENDING' and callback_next_at <= now() order by callback_next_at`, 'callback_attempts', limit, deliver, recordCallbackResult,
    ),

    /**
     * Claims due refund requests like withDueCallbacks does callbacks. The claim holds the rows until
     * the provider's answers are recorded; a crash in between leaves them due, and the provider's
     * idempotency key makes the next request the same refund.
     */
    withDueRefunds: (limit: number, request: (due: DueRefund) => Promise<RefundResult>) => processDue(
      `status = 'REFUND_PENDING' and provider_refund_id is null and refund_next_at <= now() order by refund_next_at`, 'refund_attempts', limit, request, recordRefundResult,
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
    return storeCall(() => inTransaction(pool, async (client) => {
      const { rows } = await client.query<PaymentRow & Record<typeof attemptsColumn, number>>(
        `select * from payments where ${dueAndOrder} limit $1 for update skip locked`, [limit],
      );
      const results = await Promise.all(rows.map((row) => handle({ payment: paymentOf(row), attempts: row[attemptsColumn] })));
      for (const [index, result] of results.entries()) await record(client, rows[index]!.id, result);
      return rows.length;
    }));
  }
}

export type RefundResult =
  | { kind: 'requested'; refundId: string }
  | { kind: 'retry'; delayMs: number; error: string };

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
    await client.query(`update payments set callback_state = 'DONE', callback_attempts = callback_attempts + 1, callback_last_error = null where id = $1`, [paymentId]);
  } else if (result.kind === 'rejected') {
    await client.query(`update payments set callback_state = 'REJECTED', callback_attempts = callback_attempts + 1, callback_last_error = $2 where id = $1`, [paymentId, result.error]);
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

function paymentOf(row: PaymentRow): Payment {
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
  };
}
