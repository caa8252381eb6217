import type { CustomerProfile, OrderCreatedV1, PaymentStatusV1 } from '@pasar/contracts';
import { DropMessage, RpcError } from '@pasar/service-kit';
import type { Peers } from '../data-access/peers.ts';
import { renderOrderReceived, renderPaymentResult, type RenderedMail } from './templates.ts';

export interface OutgoingMail extends RenderedMail {
  to: string;
  /** Derived from the event id: a redelivered event yields the same Message-ID, so a copy is recognisable. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
}

/** Turns order and payment events into mails to the customer, in the customer's language. */
export function createNotifier(peers: Peers, mailer: Mailer, messageIdDomain: string) {
  const messageIdOf = (eventId: string) => `<${eventId}@${messageIdDomain}>`;

  return {
    async orderReceived(order: OrderCreatedV1): Promise<void> {
      const customer = await customerOf(peers, order.customerId);
      await mailer.send({ ...renderOrderReceived(order, customer), to: customer.email, messageId: messageIdOf(order.eventId) });
    },
    async paymentResult(payment: PaymentStatusV1): Promise<void> {
      const customer = await customerOf(peers, payment.customerId);
      await mailer.send({ ...renderPaymentResult(payment, customer), to: customer.email, messageId: messageIdOf(payment.eventId) });
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

/** An unknown customer will stay unknown: drop. Customer service down or slow: let Dapr redeliver. */
async function customerOf(peers: Peers, customerId: string): Promise<CustomerProfile> {
  try {
    return await peers.customerOf(customerId);
  } catch (error) {
    if (error instanceof RpcError && error.status === 404) throw new DropMessage(`customer ${customerId} does not exist`, { cause: error });
    throw error;
  }
}
