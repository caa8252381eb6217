import type { ProductSnapshot, SearchHit } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { Peers } from '../data-access/peers.ts';
import type { IndexedHit } from '../data-access/search-response.ts';

export interface PricedHits {
  items: SearchHit[];
  pricesMayBeStale: boolean;
}

/**
 * The index's price and stock lag behind the product service by a message; the customer should see
 * the current ones. One bulk RPC for the whole page. When the product service cannot answer, the
 * search still answers, from the index, and says its prices may be stale.
 */
export async function withCurrentPrices(hits: IndexedHit[], peers: Peers, logger: Logger): Promise<PricedHits> {
  if (hits.length === 0) return { items: [], pricesMayBeStale: false };
  try {
    const current = await peers.getProducts(hits.map((hit) => hit.product.id));
    return { items: applyCurrent(hits, new Map(current.map((p) => [p.id, p]))), pricesMayBeStale: false };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    logger.warn({ err: error }, 'product service did not answer: prices and stock come from the index');
    return { items: hits.map(asIndexed), pricesMayBeStale: true };
  }
}

/** A product the product service no longer knows, or has deactivated, is left out: the index is catching up. */
function applyCurrent(hits: IndexedHit[], current: Map<string, ProductSnapshot>): SearchHit[] {
  return hits.flatMap((hit) => {
    const product = current.get(hit.product.id);
    if (!product?.active) return [];
    return [{ ...asIndexed(hit), price: product.price, stock: product.stock, inStock: product.stock > 0 }];
  });
}

function asIndexed(hit: IndexedHit): SearchHit {
  return { ...hit.product, score: hit.score };
}
