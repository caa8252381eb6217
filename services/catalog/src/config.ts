import { BaseConfig, envFlag } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  ELASTICSEARCH_URL: z.url().default('http://127.0.0.1:9200'),
  /** Short, so a dead or stuck node is a quick 503 rather than a hanging search. */
  ELASTICSEARCH_TIMEOUT_MS: z.coerce.number().int().positive().default(3000),
  /** Index creation, alias swaps and a reindex's bulk pages are slower and nobody waits on them interactively. */
  ELASTICSEARCH_ADMIN_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** The alias searches go through; its indices are `<prefix>-<timestamp>`. Tests give each file its own. */
  CATALOG_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,150}$/, 'lowercase letters, digits, - and _ only')
    .default('products'),
  CATALOG_INDEX_SHARDS: z.coerce.number().int().min(1).default(1),
  /** 0 suits the single-node stack; a real cluster wants at least 1. */
  CATALOG_INDEX_REPLICAS: z.coerce.number().int().min(0).default(0),
  /**
   * Autocomplete through an edge_ngram analyzer on the product name. Needs Elasticsearch's
   * analysis-common module, which the native stack's integ-test distribution lacks: off by
   * default, and then /suggest uses the core completion suggester.
   */
  CATALOG_EDGE_NGRAM_AUTOCOMPLETE: envFlag(false),
  /** Price facet boundaries in minor units, ascending. */
  CATALOG_PRICE_BUCKETS: z
    .string()
    .default('50000,100000,250000,500000,1000000')
    .transform((value) => value.split(',').map((part) => Number(part.trim())))
    .pipe(z.array(z.number().int().positive()).min(1)),
  /** How long search waits for current prices from the product service before answering from the index. */
  CATALOG_HYDRATION_TIMEOUT_MS: z.coerce.number().int().positive().default(1500),
  /** Publish product-searched for every search (the activity feed). A benchmark may turn it off. */
  CATALOG_PUBLISH_SEARCHES: envFlag(true),
  CATALOG_REINDEX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
});
export type Config = z.infer<typeof Config>;
