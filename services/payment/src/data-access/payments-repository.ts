import type { PaymentOutcome } from '@pasar/contracts';
import { inTransaction, insertOutboxMessage, recordInboxEvent, type OutboxMessage, type Pool } from '@pasar/postgres';
import { currentTraceContext } from '@pasar/service-kit';
import { statusesLeadingTo, type Payment } from '../domain/payment.ts';
import { storeCall } from './db.ts';
import { paymentOf, type PaymentRow } from './payment-rows.ts';

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

export type PaymentsRepository = ReturnType<typeof createPaymentsRepository>;

/**
 * Payments and their state changes. A change made by a provider webhook commits, in the same
 * transaction, the webhook's event id (the inbox) and its payment-status message (the outbox).
 */
export function createPaymentsRepository(pool: Pool) {
  const one = async (where: string, values: unknown[]) => {
    const { rows } = await storeCall(() => pool.query<PaymentRow>(`select * from payments where ${where}`, values));
    return rows[0] ? paymentOf(rows[0]) : undefined;
  };

  return {
    /** Inserts the payment of an order unless it has one; answers the order's one payment either way. */
    async createOnce(payment: NewPayment): Promise<Payment> {
      const { traceparent, tracestate } = currentTraceContext();
      await storeCall(() =>
        pool.query(
          `insert into payments (id, order_id, customer_id, amount, currency, status, traceparent, tracestate)
         values ($1, $2, $3, $4, $5, 'PENDING', $6, $7) on conflict (order_id) do nothing`,
          [
            payment.id,
            payment.orderId,
            payment.customerId,
            payment.amount.amount,
            payment.amount.currency,
            traceparent ?? null,
            tracestate ?? null,
          ],
        ),
      );
      const stored = await one('order_id = $1', [payment.orderId]);
      if (!stored) throw new Error(`the payment of order ${payment.orderId} vanished`);
      return stored;
    },

    async recordCharge(paymentId: string, chargeId: string): Promise<void> {
      await storeCall(() =>
        pool.query('update payments set provider_charge_id = $2, updated_at = now() where id = $1 and provider_charge_id is null', [
          paymentId,
          chargeId,
        ]),
      );
    },

    findById: (id: string) => one('id = $1', [id]),
    findByOrderId: (orderId: string) => one('order_id = $1', [orderId]),
    findByChargeId: (chargeId: string) => one('provider_charge_id = $1', [chargeId]),

    /**
     * The final status, its payment-status message and a pending callback, in one transaction; only
     * from PENDING and only once per webhook event. Undefined when nothing changed (a replay).
     */
    async settle(settlement: Settlement): Promise<Payment | undefined> {
      return storeCall(() =>
        inTransaction(pool, async (client) => {
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
        }),
      );
    },

    /**
     * REFUNDED and its payment-status message, in one transaction; only from REFUND_PENDING and only
     * once per webhook event (no order callback: the order is cancelled already). Undefined when
     * nothing changed.
     */
    async confirmRefund(confirmation: RefundConfirmation): Promise<Payment | undefined> {
      return storeCall(() =>
        inTransaction(pool, async (client) => {
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
        }),
      );
    },
  };
}
