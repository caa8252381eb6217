import type { estypes } from '@elastic/elasticsearch';

export interface IndexOptions {
  shards: number;
  replicas: number;
  /** Adds `name.autocomplete` (edge_ngram): needs the analysis-common module. */
  edgeNgramAutocomplete: boolean;
  /** Per-request timeout of index administration and bulk loads (searches keep the client's short one). */
  adminTimeoutMs: number;
}

/** Case-folded keyword sub-field, for filters that should not care how the customer typed it. */
const folded = { folded: { type: 'keyword', normalizer: 'lowercase' } } as const;

/**
 * The explicit mapping of the searchable view. Strict: a field the code does not know is an error,
 * never a guess. Everything here is in Elasticsearch's core (no analysis-common, no mapper-extras).
 */
export function productMappings(options: Pick<IndexOptions, 'edgeNgramAutocomplete'>): estypes.MappingTypeMapping {
  return {
    dynamic: 'strict',
    properties: {
      id: { type: 'keyword' },
      sku: { type: 'keyword', copy_to: 'searchText' },
      name: {
        type: 'text',
        copy_to: 'searchText',
        fields: {
          ...(options.edgeNgramAutocomplete && { autocomplete: { type: 'text', analyzer: 'autocomplete', search_analyzer: 'standard' } }),
        },
      },
      description: { type: 'text', copy_to: 'searchText' },
      category: { type: 'keyword', copy_to: 'searchText', fields: folded },
      priceAmount: { type: 'long' },
      currency: { type: 'keyword' },
      stock: { type: 'integer' },
      inStock: { type: 'boolean' },
      images: { type: 'keyword', index: false, doc_values: false },
      attributes: { type: 'object', enabled: false },
      attributePairs: { type: 'keyword', fields: folded },
      attributeText: { type: 'text', copy_to: 'searchText' },
      searchText: { type: 'text' },
      suggest: { type: 'completion', analyzer: 'simple', preserve_separators: true, max_input_length: 100 },
      visible: { type: 'boolean' },
      createdAt: { type: 'date' },
      updatedAt: { type: 'date' },
      revision: { type: 'long' },
    },
  };
}

export function productIndexSettings(options: Omit<IndexOptions, 'adminTimeoutMs'>): estypes.IndicesIndexSettings {
  return {
    number_of_shards: options.shards,
    number_of_replicas: options.replicas,
    ...(options.edgeNgramAutocomplete && { analysis: edgeNgramAnalysis }),
  };
}

const edgeNgramAnalysis: estypes.IndicesIndexSettingsAnalysis = {
  filter: { autocomplete_edge: { type: 'edge_ngram', min_gram: 1, max_gram: 20 } },
  analyzer: { autocomplete: { type: 'custom', tokenizer: 'standard', filter: ['lowercase', 'autocomplete_edge'] } },
};
