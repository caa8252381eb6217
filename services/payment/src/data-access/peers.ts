import { paymentStatusCallback, type PaymentOutcome } from '@pasar/contracts';
import type { DaprClient } from '@pasar/service-kit';

/** The other apps the payment service asks, each through its own sidecar. */
export interface Peers {
  /** Tells the order service a payment's final status; throws the RpcError of a refusal or failure. */
  reportPaymentStatus(orderId: string, status: { paymentId: string; status: PaymentOutcome; reason?: string }): Promise<void>;
}

export function createPeers(dapr: DaprClient): Peers {
  return {
    reportPaymentStatus: async (orderId, status) => void (await dapr.invoke(paymentStatusCallback, { params: { orderId }, body: status })),
  };
}
