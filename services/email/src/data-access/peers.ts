import { getCustomer, type CustomerProfile } from '@pasar/contracts';
import type { DaprClient } from '@pasar/service-kit';

/** The other apps the email service asks, each through its own sidecar. */
export interface Peers {
  customerOf(customerId: string): Promise<CustomerProfile>;
}

export function createPeers(dapr: DaprClient): Peers {
  return {
    customerOf: (customerId) => dapr.invoke(getCustomer, { params: { customerId } }),
  };
}
