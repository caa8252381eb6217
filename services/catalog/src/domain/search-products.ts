import {
  newEnvelope,
  type ProductSearchedV1,
  type SearchProductsQuery,
  type SearchProductsResponse,
  type SuggestQuery,
  type SuggestResponse,
} from '@pasar/contracts';
import type { Logger } from '@pasar/service-kit';
import type { ProductIndex } from '../data-access/product-index.ts';
import type { Peers } from '../data-access/peers.ts';
import { pageOf } from '../data-access/search-query.ts';
import { withCurrentPrices } from './current-prices.ts';

export interface CatalogSearchDeps {
  index: Pick<ProductIndex, 'search' | 'suggest'>;
  peers: Peers;
  /** Where product-searched goes (the activity feed); undefined when publishing is switched off. */
  publishSearched: ((message: ProductSearchedV1) => Promise<void>) | undefined;
  logger: Logger;
}

export type CatalogSearch = ReturnType<typeof createCatalogSearch>;

/** Searches and suggestions over the index; hits are priced from the product service and each search is reported. */
export function createCatalogSearch(deps: CatalogSearchDeps) {
  const { index, peers, publishSearched, logger } = deps;

  /** The customer does not wait for the activity feed, and a broker hiccup never fails a search. */
  function reportInBackground(message: ProductSearchedV1): void {
    publishSearched?.(message).catch((error: unknown) => {
      logger.error({ err: error, eventId: message.eventId }, 'could not publish product-searched');
    });
  }

  return {
    /** Finds products in the index, prices them from the product service, and reports the search. */
    async search(query: SearchProductsQuery, customerId: string | null): Promise<SearchProductsResponse> {
      const found = await index.search(query);
      const priced = await withCurrentPrices(found.hits, peers, logger);
      reportInBackground(searchedMessage(query, customerId, found.total));
      return { ...priced, total: found.total, ...pageOf(query), sort: query.sort, facets: found.facets };
    },

    async suggest(query: SuggestQuery): Promise<SuggestResponse> {
      return { suggestions: await index.suggest(query.prefix, query.size) };
    },
  };
}

function searchedMessage(query: SearchProductsQuery, customerId: string | null, resultCount: number): ProductSearchedV1 {
  return {
    ...newEnvelope(1),
    customerId,
    query: query.q ?? '',
    filters: appliedFilters(query),
    resultCount,
  };
}

function appliedFilters(query: SearchProductsQuery): Record<string, unknown> {
  const { category, minPrice, maxPrice, inStock, attr, sort } = query;
  const filters = { category, minPrice, maxPrice, inStock, attr, sort };
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined));
}
