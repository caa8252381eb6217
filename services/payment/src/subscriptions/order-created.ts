import { Topic, type OrderCreatedV1 } from '@pasar/contracts';
import { subscribe } from '@pasar/service-kit';
import type { Payment } from '../domain/payment.ts';

/** order-created -> one payment per order; a duplicate or concurrent delivery finds the same one. */
export function onOrderCreated(startPayment: (order: OrderCreatedV1) => Promise<Payment>) {
  return subscribe(Topic.orderCreated, async (order, { logger }) => {
    const payment = await startPayment(order);
    logger.debug({ orderId: order.orderId, paymentId: payment.id }, 'payment started');
  });
}
