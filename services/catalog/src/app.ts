import { auditRoutes, createAuditTrail } from '@pasar/audit';
import { Topic } from '@pasar/contracts';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import type { Config } from './config.ts';
import { auditIndexFor, createAuditIndex } from './data-access/audit-index.ts';
import { createElasticsearchClient, pingElasticsearch } from './data-access/elasticsearch.ts';
import { createIndexAdmin, indexNamesFor } from './data-access/index-admin.ts';
import { createProductIndex } from './data-access/product-index.ts';
import { createPeers } from './data-access/peers.ts';
import { createIndexMaintenance } from './domain/index-maintenance.ts';
import { createReindexer } from './domain/reindex.ts';
import { createCatalogSearch } from './domain/search-products.ts';
import { productChangedSubscription } from './subscriptions/product-changed.ts';
import { catalogApi } from './routes/api-description.ts';
import { reindexRoutes } from './routes/reindex.ts';
import { searchRoutes } from './routes/search.ts';

export const buildService: BuildService<Config> = async (config, { logger, dapr }) => {
  const elasticsearch = createElasticsearchClient(config.ELASTICSEARCH_URL, config.ELASTICSEARCH_TIMEOUT_MS);
  const admin = createIndexAdmin(elasticsearch, indexNamesFor(config.CATALOG_INDEX_PREFIX), {
    shards: config.CATALOG_INDEX_SHARDS,
    replicas: config.CATALOG_INDEX_REPLICAS,
    edgeNgramAutocomplete: config.CATALOG_EDGE_NGRAM_AUTOCOMPLETE,
    adminTimeoutMs: config.ELASTICSEARCH_ADMIN_TIMEOUT_MS,
  });
  const index = createProductIndex(elasticsearch, admin, {
    priceBuckets: config.CATALOG_PRICE_BUCKETS,
    edgeNgramAutocomplete: config.CATALOG_EDGE_NGRAM_AUTOCOMPLETE,
  });
  const peers = createPeers(dapr, { lookupTimeoutMs: config.CATALOG_HYDRATION_TIMEOUT_MS });
  const catalog = createCatalogSearch({
    index,
    peers,
    publishSearched: config.CATALOG_PUBLISH_SEARCHES ? (message) => dapr.publish(Topic.productSearched, message) : undefined,
    logger,
  });
  const reindexer = createReindexer({ admin, index, peers, pageSize: config.CATALOG_REINDEX_PAGE_SIZE, logger });
  const auditIndex = createAuditIndex(elasticsearch, auditIndexFor(config.CATALOG_INDEX_PREFIX), {
    replicas: config.CATALOG_INDEX_REPLICAS,
    adminTimeoutMs: config.ELASTICSEARCH_ADMIN_TIMEOUT_MS,
  });

  // Start even when Elasticsearch is down (readiness says so); the indices are created on first use then.
  await admin.ensureLiveIndex().catch((error: unknown) => logger.warn({ err: error }, 'catalog index not ready yet'));
  await auditIndex.ensureIndex().catch((error: unknown) => logger.warn({ err: error }, 'catalog audit index not ready yet'));

  const routes = express.Router();
  const trail = createAuditTrail({ store: auditIndex, logger });
  routes.use(searchRoutes(catalog), reindexRoutes({ reindexer, trail, alias: admin.names.alias }), auditRoutes(auditIndex));
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'elasticsearch', check: () => pingElasticsearch(elasticsearch) }],
      subscriptions: [productChangedSubscription(createIndexMaintenance(index))],
      routes,
      api: catalogApi,
    }),
    closers: [() => elasticsearch.close()],
  };
};
