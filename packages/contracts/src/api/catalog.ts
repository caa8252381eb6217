// Public REST request/response schemas of the catalog service.
import { z } from 'zod';
import { Id, QueryFlag, QueryInteger, Timestamp, Words } from '../common.ts';
import { ProductSnapshot } from '../messages/product.ts';

export const MAX_SEARCH_PAGE_SIZE = 100;
/** Elasticsearch's default index.max_result_window: from + size may not go past it. */
export const MAX_SEARCH_WINDOW = 10_000;

export const SearchSort = z.enum(['relevance', 'price_asc', 'price_desc', 'newest']);
export type SearchSort = z.infer<typeof SearchSort>;

const FilterValue = Words(100);
/** `?category=a` or `?category=a&category=b` (any of them). */
const FilterValues = z
  .union([FilterValue, z.array(FilterValue).min(1).max(20)])
  .transform((value) => (Array.isArray(value) ? value : [value]));
const Count = QueryInteger({ min: 0 });
/** Not digits alone: the query parser reads `attr[0]=x` as a list, not as an attribute named "0". */
const AttributeFilterName = Words(100).regex(/\D/, 'must not be digits alone');

/**
 * GET /search. Attribute filters arrive as `attr.brand=Acme` (or `attr[brand]=Acme`); repeating one
 * means any of the values. SEARCH_RULES are its refinements (a 422 names the field).
 */
export const SEARCH_RULES = `Pagination is page/size or from/size, not both; maxPrice must not be less than minPrice; results beyond the first ${MAX_SEARCH_WINDOW} cannot be paged to (from + size, or page × size, at most ${MAX_SEARCH_WINDOW}).`;
export const SearchProductsQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
    category: FilterValues.optional(),
    minPrice: Count.optional(),
    maxPrice: Count.optional(),
    inStock: QueryFlag.optional(),
    attr: z.record(AttributeFilterName, FilterValues).optional(),
    sort: SearchSort.default('relevance'),
    page: QueryInteger({ min: 1 }).optional(),
    from: Count.optional(),
    size: QueryInteger({ min: 1, max: MAX_SEARCH_PAGE_SIZE }).default(20),
  })
  .superRefine((query, context) => {
    if (query.page !== undefined && query.from !== undefined) {
      context.addIssue({ code: 'custom', path: ['from'], message: 'give either page or from, not both' });
    }
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      context.addIssue({ code: 'custom', path: ['maxPrice'], message: 'must not be less than minPrice' });
    }
    const from = query.from ?? ((query.page ?? 1) - 1) * query.size;
    if (from + query.size > MAX_SEARCH_WINDOW) {
      context.addIssue({
        code: 'custom',
        path: [query.from === undefined ? 'page' : 'from'],
        message: `results beyond the first ${MAX_SEARCH_WINDOW} cannot be paged to`,
      });
    }
  });
export type SearchProductsQuery = z.infer<typeof SearchProductsQuery>;

/** A product as search shows it; price and stock come from the product service when it answers. */
export const CatalogProduct = ProductSnapshot.omit({ active: true, revision: true }).extend({
  images: z.array(z.string()),
  inStock: z.boolean(),
});
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const SearchHit = CatalogProduct.extend({ score: z.number().nullable() });
export type SearchHit = z.infer<typeof SearchHit>;

export const FacetCount = z.object({ value: z.string(), count: z.number().int().nonnegative() });
/** Prices in minor units; `from` inclusive, `to` exclusive, null when open-ended. */
export const PriceBucket = z.object({
  from: z.number().int().nullable(),
  to: z.number().int().nullable(),
  count: z.number().int().nonnegative(),
});
export const AttributeFacet = z.object({ name: z.string(), values: z.array(FacetCount) });

/** Counts over the whole result set (query and filters applied), not just the page. */
export const SearchFacets = z.object({
  categories: z.array(FacetCount),
  priceRanges: z.array(PriceBucket),
  attributes: z.array(AttributeFacet),
});
export type SearchFacets = z.infer<typeof SearchFacets>;

export const SearchProductsResponse = z.object({
  items: z.array(SearchHit),
  total: z.number().int().nonnegative(),
  from: z.number().int().nonnegative(),
  size: z.number().int().positive(),
  page: z.number().int().positive(),
  sort: SearchSort,
  facets: SearchFacets,
  /** True when the product service did not answer and prices and stock are the index's copy. */
  pricesMayBeStale: z.boolean(),
});
export type SearchProductsResponse = z.infer<typeof SearchProductsResponse>;

/** GET /suggest: what to offer under a search box as the customer types. */
export const SuggestQuery = z.strictObject({
  prefix: Words(100),
  size: QueryInteger({ min: 1, max: 20 }).default(8),
});
export type SuggestQuery = z.infer<typeof SuggestQuery>;

export const Suggestion = z.object({ text: z.string(), productId: Id, category: z.string() });
export const SuggestResponse = z.object({ suggestions: z.array(Suggestion) });
export type SuggestResponse = z.infer<typeof SuggestResponse>;

/** One completed rebuild of the index from the product service. */
export const ReindexResult = z.object({
  alias: z.string(),
  index: z.string(),
  previousIndices: z.array(z.string()),
  /** Products written to the new index, searchable or not. */
  indexed: z.number().int().nonnegative(),
  /** Of those, the inactive or deleted ones (kept hidden). */
  hidden: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  tookMs: z.number().int().nonnegative(),
});
export type ReindexResult = z.infer<typeof ReindexResult>;

/**
 * POST /reindex (202, starts a rebuild; 409 while one runs) and GET /reindex (200) answer this.
 * Internal: the gateway does not route them. The state is this catalog instance's own.
 */
export const ReindexStatus = z.object({
  state: z.enum(['idle', 'running', 'succeeded', 'failed']),
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
  /** The last successful rebuild's figures, when the last run succeeded. */
  result: ReindexResult.nullable(),
  error: z.string().nullable(),
});
export type ReindexStatus = z.infer<typeof ReindexStatus>;
