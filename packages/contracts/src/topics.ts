/** The pub/sub component every app publishes to and subscribes through (see components/brokers). */
export const PUBSUB_NAME = 'pubsub';

/** Message topics: one per message kind in the design. */
export const Topic = {
  productChanged: 'product-changed',
  productSearched: 'product-searched',
  customerLoggedIn: 'customer-logged-in',
  orderCreated: 'order-created',
  paymentStatus: 'payment-status',
} as const;

export type Topic = (typeof Topic)[keyof typeof Topic];

/** Where Dapr forwards a message that its subscriber dropped (invalid, or failed for good). */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dead-letter`;
}
