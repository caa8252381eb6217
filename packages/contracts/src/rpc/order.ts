import { z } from 'zod';
import { AppId } from '../app-ids.ts';
import { OrderStatus } from '../api/order.ts';
import { Id } from '../common.ts';
import { PaymentOutcome } from '../messages/payment.ts';
import { defineRpc } from './define.ts';

/** "payment status callback" (payment -> order). Repeating it changes nothing. */
export const paymentStatusCallback = defineRpc({
  name: 'order.paymentStatusCallback',
  appId: AppId.order,
  method: 'POST',
  path: '/internal/orders/:orderId/payment-status',
  params: z.object({ orderId: Id }),
  body: z.object({ paymentId: Id, status: PaymentOutcome, reason: z.string().max(500).optional() }),
  response: z.object({ orderId: Id, status: OrderStatus }),
});
