import type { ProductSnapshot } from '@pasar/contracts';
import { deleteElasticsearchIndices, stackValue, testResourceName } from '@pasar/testing';
import { createElasticsearchClient } from '../../src/data-access/elasticsearch.ts';
import { createIndexAdmin, indexNamesFor } from '../../src/data-access/index-admin.ts';
import { createProductIndex } from '../../src/data-access/product-index.ts';
import { documentFor } from '../../src/domain/index-maintenance.ts';

export const PRICE_BUCKETS = [50_000, 100_000];

/** The catalog's own index admin and index on a prefix of the test's own, against the stack's node. */
export function catalogIndexFor(prefix = testResourceName('catalog')) {
  const es = createElasticsearchClient(stackValue('ELASTICSEARCH_URL'));
  const admin = createIndexAdmin(es, indexNamesFor(prefix), {
    shards: 1,
    replicas: 0,
    edgeNgramAutocomplete: false,
    adminTimeoutMs: 30_000,
  });
  const index = createProductIndex(es, admin, { priceBuckets: PRICE_BUCKETS, edgeNgramAutocomplete: false });
  return {
    es,
    admin,
    index,
    prefix,
    /** Writes products as their messages would, then makes them searchable at once (no waiting). */
    async put(...products: ProductSnapshot[]) {
      for (const product of products) await index.write(documentFor(product));
      await es.indices.refresh({ index: admin.names.alias });
    },
    refresh: () => es.indices.refresh({ index: admin.names.alias }),
    cleanUp: async () => {
      await deleteElasticsearchIndices(prefix);
      await es.close();
    },
  };
}
