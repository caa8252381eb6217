import type { z } from 'zod';
import { Topic } from '../topics.ts';
import { CustomerLoggedInV1 } from './customer.ts';
import { OrderCreatedV1 } from './order.ts';
import { PaymentStatusV1 } from './payment.ts';
import { ProductChangedV1, ProductSearchedV1 } from './product.ts';

export * from './customer.ts';
export * from './envelope.ts';
export * from './order.ts';
export * from './payment.ts';
export * from './product.ts';

/** Which schema a topic carries: publishers and subscribers both validate against it. */
export const MessageSchemas = {
  [Topic.productChanged]: ProductChangedV1,
  [Topic.productSearched]: ProductSearchedV1,
  [Topic.customerLoggedIn]: CustomerLoggedInV1,
  [Topic.orderCreated]: OrderCreatedV1,
  [Topic.paymentStatus]: PaymentStatusV1,
} as const satisfies Record<Topic, z.ZodType>;

export type MessageOf<T extends Topic> = z.infer<(typeof MessageSchemas)[T]>;
