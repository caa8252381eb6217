import { randomUUID } from 'node:crypto';
import type { OrderCreatedV1 } from '@pasar/contracts';
import type { PaymentsRepository } from '../data-access/payments-repository.ts';
import type { Payment } from './payment.ts';
import type { PaymentProvider } from './provider.ts';

/**
 * A new order gets exactly one payment: the insert is keyed by the order id, so a duplicate or
 * concurrent delivery finds the same payment. The charge is asked of the provider under the
 * payment id as idempotency key, so a redelivery after a failed or half-done charge is safe.
 */
export function createPaymentStarter(deps: { payments: PaymentsRepository; provider: PaymentProvider }) {
  return async function startPayment(order: OrderCreatedV1): Promise<Payment> {
    const payment = await deps.payments.createOnce({
      id: randomUUID(),
      orderId: order.orderId,
      customerId: order.customerId,
      amount: order.total,
    });
    if (payment.providerChargeId || payment.status !== 'PENDING') return payment;
    const { chargeId } = await deps.provider.charge({ idempotencyKey: payment.id, amount: payment.amount, reference: payment.orderId });
    await deps.payments.recordCharge(payment.id, chargeId);
    return { ...payment, providerChargeId: chargeId };
  };
}
