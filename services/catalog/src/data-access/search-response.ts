import type { estypes } from '@elastic/elasticsearch';
import type { CatalogProduct, SearchFacets } from '@pasar/contracts';
import { catalogProductOf, splitAttributePair, type ProductDocument } from './product-document.ts';

export interface IndexedHit {
  product: CatalogProduct;
  /** Null when sorted by something other than relevance. */
  score: number | null;
}

export interface IndexSearchResult {
  hits: IndexedHit[];
  total: number;
  facets: SearchFacets;
}

type KeyedBucket = { key: string | number; doc_count: number };
type RangeBucket = { from?: number | null; to?: number | null; doc_count: number };

export function searchResultOf(response: estypes.SearchResponse<ProductDocument>): IndexSearchResult {
  const hits = response.hits.hits.flatMap((hit) =>
    hit._source ? [{ product: catalogProductOf(hit._source), score: hit._score ?? null }] : [],
  );
  return { hits, total: totalOf(response.hits.total), facets: facetsOf(response.aggregations) };
}

function totalOf(total: estypes.SearchTotalHits | number | undefined): number {
  if (typeof total === 'number') return total;
  return total?.value ?? 0;
}

function facetsOf(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchFacets {
  return {
    categories: bucketsOf<KeyedBucket>(aggregations?.categories).map((b) => ({ value: String(b.key), count: b.doc_count })),
    priceRanges: bucketsOf<RangeBucket>(aggregations?.priceRanges).map((b) => ({
      from: b.from ?? null,
      to: b.to ?? null,
      count: b.doc_count,
    })),
    attributes: attributeFacetsOf(bucketsOf<KeyedBucket>(aggregations?.attributes)),
  };
}

/** `brand<US>Acme: 3` buckets grouped by attribute name, names in alphabetical order. */
function attributeFacetsOf(buckets: KeyedBucket[]): SearchFacets['attributes'] {
  const byName = new Map<string, Array<{ value: string; count: number }>>();
  for (const bucket of buckets) {
    const pair = splitAttributePair(String(bucket.key));
    if (!pair) continue;
    byName.set(pair.name, [...(byName.get(pair.name) ?? []), { value: pair.value, count: bucket.doc_count }]);
  }
  return [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, values]) => ({ name, values }));
}

function bucketsOf<B>(aggregate: estypes.AggregationsAggregate | undefined): B[] {
  const buckets = (aggregate as { buckets?: unknown } | undefined)?.buckets;
  return Array.isArray(buckets) ? (buckets as B[]) : [];
}

export interface IndexSuggestion {
  text: string;
  productId: string;
  category: string;
}

type SuggestSource = Pick<ProductDocument, 'id' | 'name' | 'category'>;

/** One suggestion per product, in the suggester's order. */
export function completionSuggestionsOf(response: estypes.SearchResponse<SuggestSource>, size: number): IndexSuggestion[] {
  const entries = response.suggest?.products ?? [];
  const options = entries.flatMap((entry) => (Array.isArray(entry.options) ? entry.options : [entry.options]));
  const sources = options.flatMap((option) => ('_source' in option && option._source ? [option._source] : []));
  return uniqueSuggestions(sources, size);
}

export function hitSuggestionsOf(response: estypes.SearchResponse<SuggestSource>, size: number): IndexSuggestion[] {
  return uniqueSuggestions(
    response.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : [])),
    size,
  );
}

function uniqueSuggestions(sources: SuggestSource[], size: number): IndexSuggestion[] {
  const seen = new Set<string>();
  return sources
    .filter((source) => !seen.has(source.id) && seen.add(source.id))
    .slice(0, size)
    .map((source) => ({ text: source.name, productId: source.id, category: source.category }));
}
