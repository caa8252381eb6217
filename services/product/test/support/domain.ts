import { createLogger } from '@pasar/service-kit';
import type { Db } from 'mongodb';
import { createCategoriesRepository } from '../../src/data-access/categories-repository.ts';
import { createProductDocuments } from '../../src/data-access/product-documents.ts';
import { createProductOutboxRepository } from '../../src/data-access/product-outbox-repository.ts';
import { createProductStockRepository } from '../../src/data-access/product-stock-repository.ts';
import { createProductsRepository } from '../../src/data-access/products-repository.ts';
import { createReservationsRepository } from '../../src/data-access/reservations-repository.ts';
import { createCategoryCatalog } from '../../src/domain/categories.ts';
import { defaultCategories } from '../../src/domain/default-categories.ts';
import { createProducts } from '../../src/domain/products.ts';
import { createStockReservations } from '../../src/domain/reservations.ts';
import { createStockMarkSweeper } from '../../src/jobs/stock-mark-sweeper.ts';

export const silentLogger = createLogger('product-test', 'silent');

/** The product domain wired to a real database, as app.ts wires it (without the HTTP and relay). */
export async function productDomain(db: Db, options: { leaseMs?: number } = {}) {
  const documents = createProductDocuments(db);
  const productStore = createProductsRepository(documents);
  const stockStore = createProductStockRepository(documents);
  const categoryStore = createCategoriesRepository(db);
  const reservationStore = createReservationsRepository(db);
  await documents.ensureIndexes();
  await categoryStore.insertMissing(defaultCategories);
  const categories = createCategoryCatalog({ repository: categoryStore, logger: silentLogger, cacheMs: 10_000 });
  let changes = 0;
  const onChange = (_productId: string) => void changes++;
  const marks = createStockMarkSweeper(stockStore, silentLogger, 10);
  return {
    productStore,
    stockStore,
    productOutbox: createProductOutboxRepository(documents),
    marks,
    categoryStore,
    reservationStore,
    categories,
    products: createProducts({ repository: productStore, categories, onChange }),
    reservations: createStockReservations({
      reservations: reservationStore,
      products: stockStore,
      marks,
      leaseMs: options.leaseMs ?? 15_000,
      onChange,
    }),
    changes: () => changes,
  };
}
