import { auditRoutes, createAuditTrail } from '@pasar/audit';
import { Topic } from '@pasar/contracts';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import { Router } from 'express';
import type { Config } from './config.ts';
import { createAuditStore } from './data-access/audit-store.ts';
import { createCategoriesRepository } from './data-access/categories-repository.ts';
import { createMongoClient, pingMongo } from './data-access/mongo.ts';
import { createProductDocuments } from './data-access/product-documents.ts';
import { createProductOutboxRepository } from './data-access/product-outbox-repository.ts';
import { createProductStockRepository } from './data-access/product-stock-repository.ts';
import { createProductsRepository } from './data-access/products-repository.ts';
import { createReservationsRepository } from './data-access/reservations-repository.ts';
import { createCategoryCatalog } from './domain/categories.ts';
import { defaultCategories } from './domain/default-categories.ts';
import { createProducts } from './domain/products.ts';
import { createStockReservations } from './domain/reservations.ts';
import { keepTrying } from './jobs/keep-trying.ts';
import { createProductOutboxRelay } from './jobs/outbox-relay.ts';
import { createStockMarkSweeper } from './jobs/stock-mark-sweeper.ts';
import { productApi } from './routes/api-description.ts';
import { categoryRoutes } from './routes/categories.ts';
import { internalRoutes } from './routes/internal.ts';
import { productRoutes } from './routes/products.ts';

export const buildService: BuildService<Config> = async (config, { logger, dapr }) => {
  const mongo = createMongoClient(config.MONGODB_URL);
  const db = mongo.db(config.MONGODB_DATABASE);
  const documents = createProductDocuments(db);
  const productStore = createProductsRepository(documents);
  const stockStore = createProductStockRepository(documents);
  const categoryStore = createCategoriesRepository(db);
  const auditStore = createAuditStore(db);

  const relay = createProductOutboxRelay({
    outbox: createProductOutboxRepository(documents),
    publish: (message) => dapr.publish(Topic.productChanged, message),
    logger,
    pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
    scanIntervalMs: config.OUTBOX_SCAN_INTERVAL_MS,
    maxBackoffMs: config.OUTBOX_MAX_BACKOFF_MS,
  });
  const onChange = (productId: string) => relay.nudge(productId);
  const categories = createCategoryCatalog({ repository: categoryStore, logger, cacheMs: config.CATEGORY_CACHE_MS });
  const products = createProducts({ repository: productStore, categories, onChange });
  const marks = createStockMarkSweeper(stockStore, logger);
  const reservations = createStockReservations({
    reservations: createReservationsRepository(db),
    products: stockStore,
    marks,
    leaseMs: config.RESERVATION_LEASE_MS,
    onChange,
  });

  // Indexes and seed categories: tried once before the app listens, then again until they succeed
  // (a store that is down must not stop the app from starting and answering 503).
  const preparation = keepTrying(
    'preparing the product store',
    async () => {
      // The driver's first connection, when it fails, closes the client for good ("Topology is
      // closed"); connect() makes a new one, so each try connects afresh until one succeeds.
      await mongo.connect();
      await documents.ensureIndexes();
      await auditStore.ensureIndexes();
      await categoryStore.insertMissing(defaultCategories);
    },
    { logger },
  );
  await preparation.firstAttempt;
  relay.start();

  const routes = Router();
  routes.use(
    productRoutes(products, createAuditTrail({ store: auditStore, logger })),
    categoryRoutes(categories),
    auditRoutes(auditStore),
    internalRoutes(products, reservations),
  );

  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'mongodb', check: () => pingMongo(mongo, config.MONGODB_DATABASE) }],
      routes,
      api: productApi,
    }),
    // Run in reverse: stop the relay and sweep the marks while the store client is still open.
    closers: [() => mongo.close(), () => preparation.stop(), () => marks.stop(), () => relay.stop()],
  };
};
