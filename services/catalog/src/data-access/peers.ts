import { getProducts, listProductPage, type ProductSnapshot } from '@pasar/contracts';
import type { DaprClient } from '@pasar/service-kit';

/** The product service, the source of truth, reached through this app's sidecar. */
export interface ProductSource {
  /** Current products by id, in one call; unknown ids are left out. */
  getProducts(ids: string[]): Promise<ProductSnapshot[]>;
  listPage(cursor: string | null, limit: number): Promise<{ products: ProductSnapshot[]; nextCursor: string | null }>;
}

export function productServiceOverDapr(dapr: DaprClient, options: { lookupTimeoutMs: number }): ProductSource {
  return {
    async getProducts(ids) {
      const answer = await dapr.invoke(getProducts, { body: { ids } }, { timeoutMs: options.lookupTimeoutMs });
      return answer.products;
    },
    listPage: (cursor, limit) => dapr.invoke(listProductPage, { body: { cursor, limit } }),
  };
}
