import { createLogger } from '@pasar/service-kit';
import type { Db } from 'mongodb';
import { CategoriesRepository } from '../../src/data-access/categories-repository.ts';
import { ProductsRepository } from '../../src/data-access/products-repository.ts';
import { ReservationsRepository } from '../../src/data-access/reservations-repository.ts';
import { createCategoryCatalog } from '../../src/domain/categories.ts';
import { defaultCategories } from '../../src/domain/default-categories.ts';
import { createProducts } from '../../src/domain/products.ts';
import { createStockReservations } from '../../src/domain/reservations.ts';
import { StockMarkSweeper } from '../../src/jobs/stock-mark-sweeper.ts';

export const silentLogger = createLogger('product-test', 'silent');

/** The product domain wired to a real database, as app.ts wires it (without the HTTP and relay). */
export async function productDomain(db: Db, options: { leaseMs?: number } = {}) {
  const productStore = new ProductsRepository(db);
  const categoryStore = new CategoriesRepository(db);
  const reservationStore = new ReservationsRepository(db);
  await productStore.ensureIndexes();
  await categoryStore.insertMissing(defaultCategories);
  const categories = createCategoryCatalog({ repository: categoryStore, logger: silentLogger, cacheMs: 10_000 });
  let changes = 0;
  const onChange = (_productId: string) => void changes++;
  const marks = new StockMarkSweeper(productStore, silentLogger, 10);
  return {
    productStore,
    marks,
    categoryStore,
    reservationStore,
    categories,
    products: createProducts({ repository: productStore, categories, onChange }),
    reservations: createStockReservations({ reservations: reservationStore, products: productStore, marks, leaseMs: options.leaseMs ?? 15_000, onChange }),
    changes: () => changes,
  };
}
