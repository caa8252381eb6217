import type { estypes } from '@elastic/elasticsearch';
import type { SearchProductsQuery, SearchSort } from '@pasar/contracts';
import { attributePair } from './product-document.ts';

type Query = estypes.QueryDslQueryContainer;

export interface SearchSettings {
  /** Price facet boundaries in minor units, ascending. */
  priceBuckets: number[];
  categoryFacetSize?: number;
  attributeFacetSize?: number;
}

export interface Page {
  from: number;
  size: number;
  page: number;
}

/** Fields only the index needs; never sent back. */
const INDEX_ONLY_FIELDS = ['suggest', 'attributePairs', 'attributeText'];

export function pageOf(query: Pick<SearchProductsQuery, 'from' | 'page' | 'size'>): Page {
  const from = query.from ?? ((query.page ?? 1) - 1) * query.size;
  return { from, size: query.size, page: Math.floor(from / query.size) + 1 };
}

/**
 * The Elasticsearch request for a search. The customer's text only ever goes into match-type
 * queries as a plain value, never into query_string syntax, so it cannot change the query's shape.
 */
export function searchRequestOf(query: SearchProductsQuery, settings: SearchSettings): estypes.SearchRequest {
  const { from, size } = pageOf(query);
  const text = query.q ? query.q : undefined;
  return {
    from,
    size,
    track_total_hits: true,
    query: { bool: { must: text ? [matchesText(text)] : [], should: text ? rankingBoosts(text) : [], filter: filtersOf(query) } },
    sort: sortOf(query.sort, text !== undefined),
    aggs: facetAggregations(settings),
    _source: { excludes: INDEX_ONLY_FIELDS },
  };
}

/** Every word must match somewhere, allowing typos (AUTO) or, for the last word, a prefix ("kopi ga"). */
function matchesText(text: string): Query {
  return {
    bool: {
      should: [
        { match: { searchText: { query: text, fuzziness: 'AUTO', operator: 'and' } } },
        { match_bool_prefix: { searchText: { query: text, operator: 'and' } } },
      ],
      minimum_should_match: 1,
    },
  };
}

/** Relevance: a hit in the name counts most, then attribute values (brand, origin...), then the description. */
function rankingBoosts(text: string): Query[] {
  return [
    { multi_match: { query: text, fields: ['name^3', 'attributeText^2', 'description'], fuzziness: 'AUTO' } },
    { match_phrase: { name: { query: text, boost: 4 } } },
    { term: { sku: { value: text, boost: 10 } } },
  ];
}

function filtersOf(query: SearchProductsQuery): Query[] {
  const filters: Query[] = [{ term: { visible: true } }];
  if (query.category) filters.push({ terms: { 'category.folded': query.category } });
  if (query.minPrice !== undefined || query.maxPrice !== undefined) {
    filters.push({ range: { priceAmount: { gte: query.minPrice, lte: query.maxPrice } } });
  }
  if (query.inStock !== undefined) filters.push({ term: { inStock: query.inStock } });
  for (const [name, values] of Object.entries(query.attr ?? {})) {
    filters.push({ terms: { 'attributePairs.folded': values.map((value) => attributePair(name, value)) } });
  }
  return filters;
}

/** Ties always end on the id, so paging through equal prices or dates is stable. */
function sortOf(sort: SearchSort, hasText: boolean): estypes.Sort {
  const byId = { id: { order: 'asc' as const } };
  const newest = { createdAt: { order: 'desc' as const } };
  switch (sort) {
    case 'price_asc':
      return [{ priceAmount: { order: 'asc' } }, byId];
    case 'price_desc':
      return [{ priceAmount: { order: 'desc' } }, byId];
    case 'newest':
      return [newest, byId];
    case 'relevance':
      return hasText ? ['_score', newest, byId] : [newest, byId];
  }
}

function facetAggregations(settings: SearchSettings): Record<string, estypes.AggregationsAggregationContainer> {
  return {
    categories: { terms: { field: 'category', size: settings.categoryFacetSize ?? 50 } },
    priceRanges: { range: { field: 'priceAmount', ranges: priceRangesOf(settings.priceBuckets) } },
    attributes: { terms: { field: 'attributePairs', size: settings.attributeFacetSize ?? 200 } },
  };
}

/** [50, 100] -> below 50, 50 up to 100, 100 and above. */
function priceRangesOf(boundaries: number[]): estypes.AggregationsAggregationRange[] {
  const sorted = [...boundaries].sort((a, b) => a - b);
  return [{ to: sorted[0] }, ...sorted.slice(1).map((to, at) => ({ from: sorted[at], to })), { from: sorted.at(-1) }];
}

/** Completion suggester (core): prefixes of the name from any of its first words, or of the SKU. */
export function completionRequestOf(prefix: string, size: number): estypes.SearchRequest {
  return {
    size: 0,
    _source: ['id', 'name', 'category'],
    suggest: { products: { prefix, completion: { field: 'suggest', size: size * 2, skip_duplicates: true } } },
  };
}

/** The edge_ngram variant (CATALOG_EDGE_NGRAM_AUTOCOMPLETE): ordinary matching on `name.autocomplete`. */
export function edgeNgramSuggestRequestOf(prefix: string, size: number): estypes.SearchRequest {
  return {
    size,
    _source: ['id', 'name', 'category'],
    query: {
      bool: { must: [{ match: { 'name.autocomplete': { query: prefix, operator: 'and' } } }], filter: [{ term: { visible: true } }] },
    },
  };
}
