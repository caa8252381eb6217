import { z } from 'zod';
import { Address, Id, Money } from '../common.ts';
import { messageEnvelope } from './envelope.ts';

export const OrderLine = z.object({
  productId: Id,
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPrice: Money,
});
export type OrderLine = z.infer<typeof OrderLine>;

/** "new order message" (order -> activity, email, payment). Written to the order outbox first. */
export const OrderCreatedV1 = z.object({
  ...messageEnvelope(1),
  orderId: Id,
  customerId: Id,
  items: z.array(OrderLine).min(1),
  total: Money,
  shippingAddress: Address,
});
export type OrderCreatedV1 = z.infer<typeof OrderCreatedV1>;
