import type { Client, estypes } from '@elastic/elasticsearch';
import type { SearchProductsQuery } from '@pasar/contracts';
import { callStore } from '@pasar/service-kit';
import { ELASTICSEARCH } from './elasticsearch.ts';
import type { IndexAdmin } from './index-admin.ts';
import type { IndexDocument, ProductDocument } from './product-document.ts';
import { completionRequestOf, edgeNgramSuggestRequestOf, searchRequestOf, type SearchSettings } from './search-query.ts';
import {
  completionSuggestionsOf,
  hitSuggestionsOf,
  searchResultOf,
  type IndexSearchResult,
  type IndexSuggestion,
} from './search-response.ts';

/** `stale`: the index already holds this revision or a newer one, so nothing changed. */
export type WriteOutcome = 'written' | 'stale';

/** Elasticsearch refused a document for good (a mapping error): retrying cannot help. */
export class RejectedDocumentError extends Error {
  override readonly name = 'RejectedDocumentError';
}

export interface ProductIndexOptions extends SearchSettings {
  edgeNgramAutocomplete: boolean;
}

export type ProductIndex = ReturnType<typeof createProductIndex>;

/**
 * Reads and writes of the searchable view. Every write carries the product's revision as an
 * external version: Elasticsearch itself refuses an older revision (409), whatever order
 * messages arrive in.
 */
export function createProductIndex(es: Client, admin: IndexAdmin, options: ProductIndexOptions) {
  return {
    async search(query: SearchProductsQuery): Promise<IndexSearchResult> {
      await admin.ensureLiveIndex();
      const request = { index: admin.names.alias, ...searchRequestOf(query, options) };
      return searchResultOf(await callStore(ELASTICSEARCH, () => es.search<ProductDocument>(request), 'search'));
    },

    async suggest(prefix: string, size: number): Promise<IndexSuggestion[]> {
      await admin.ensureLiveIndex();
      const body = options.edgeNgramAutocomplete ? edgeNgramSuggestRequestOf(prefix, size) : completionRequestOf(prefix, size);
      const response = await callStore(ELASTICSEARCH, () => es.search<ProductDocument>({ index: admin.names.alias, ...body }), 'suggest');
      return options.edgeNgramAutocomplete ? hitSuggestionsOf(response, size) : completionSuggestionsOf(response, size);
    },

    /** Writes through the alias, and into an index being rebuilt if there is one, in one bulk request. */
    async write(document: IndexDocument): Promise<WriteOutcome> {
      await admin.ensureLiveIndex();
      const { alias, buildingAlias } = admin.names;
      const operations = [alias, buildingAlias].flatMap((target) => [versionedIndexAction(target, document, true), document]);
      const response = await callStore(ELASTICSEARCH, () => es.bulk({ operations }), 'write');
      const [live, building] = response.items.map((item) => item.index);
      outcomeOf(building, { missingIndexIsFine: true });
      return outcomeOf(live, { missingIndexIsFine: false });
    },

    /** Bulk-loads documents into a concrete index (a rebuild); older revisions than present are skipped. */
    async load(index: string, documents: IndexDocument[]): Promise<{ written: number; stale: number }> {
      if (documents.length === 0) return { written: 0, stale: 0 };
      const operations = documents.flatMap((document) => [versionedIndexAction(index, document, false), document]);
      const response = await callStore(ELASTICSEARCH, () => es.bulk({ operations }, admin.slowCall), 'bulk load');
      const outcomes = response.items.map((item) => outcomeOf(item.index, { missingIndexIsFine: false }));
      return { written: outcomes.filter((o) => o === 'written').length, stale: outcomes.filter((o) => o === 'stale').length };
    },
  };
}

function versionedIndexAction(target: string, document: IndexDocument, requireAlias: boolean): estypes.BulkOperationContainer {
  return {
    index: {
      _index: target,
      _id: document.id,
      version: document.revision,
      version_type: 'external',
      ...(requireAlias && { require_alias: true }),
    },
  };
}

function outcomeOf(item: estypes.BulkResponseItem | undefined, { missingIndexIsFine }: { missingIndexIsFine: boolean }): WriteOutcome {
  if (!item || !item.error) return 'written';
  if (item.status === 409) return 'stale';
  if (missingIndexIsFine && item.error.type === 'index_not_found_exception') return 'written';
  const reason = `${item.error.type}: ${item.error.reason ?? ''}`;
  if (item.status >= 400 && item.status < 500 && item.status !== 404 && item.status !== 429) throw new RejectedDocumentError(reason);
  throw new Error(`Elasticsearch did not write ${item._id} (${item.status} ${reason})`);
}
