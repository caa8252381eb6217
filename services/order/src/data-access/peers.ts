import { getCustomer, getProducts, releaseStock, reserveStock, type CustomerProfile, type ProductSnapshot } from '@pasar/contracts';
import type { DaprClient } from '@pasar/service-kit';

/** The other apps the order service asks, each through its own sidecar. */
export interface Peers {
  customerOf(customerId: string): Promise<CustomerProfile>;
  productsOf(ids: string[]): Promise<{ products: ProductSnapshot[]; missing: string[] }>;
  reserveStock(orderId: string, items: Array<{ productId: string; quantity: number }>): Promise<void>;
  releaseStock(orderId: string): Promise<void>;
}

export function createPeers(dapr: DaprClient): Peers {
  return {
    customerOf: (customerId) => dapr.invoke(getCustomer, { params: { customerId } }),
    productsOf: (ids) => dapr.invoke(getProducts, { body: { ids } }),
    reserveStock: async (orderId, items) => void (await dapr.invoke(reserveStock, { body: { orderId, items } })),
    releaseStock: async (orderId) => void (await dapr.invoke(releaseStock, { params: { orderId } })),
  };
}
