import { getProducts, listProductPage, type ProductSnapshot } from '@pasar/contracts';
import type { DaprClient } from '@pasar/service-kit';

/** The other apps the catalog asks, each through its own sidecar: the product service, the source of truth. */
export interface Peers {
  /** Current products by id, in one call; unknown ids are left out. */
  getProducts(ids: string[]): Promise<ProductSnapshot[]>;
  listPage(cursor: string | null, limit: number): Promise<{ products: ProductSnapshot[]; nextCursor: string | null }>;
}

export function createPeers(dapr: DaprClient, options: { lookupTimeoutMs: number }): Peers {
  return {
    async getProducts(ids) {
      const answer = await dapr.invoke(getProducts, { body: { ids } }, { timeoutMs: options.lookupTimeoutMs });
      return answer.products;
    },
    listPage: (cursor, limit) => dapr.invoke(listProductPage, { body: { cursor, limit } }),
  };
}
