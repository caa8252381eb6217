import type { ProductCategory } from '@pasar/contracts';
import { guardStoreCalls } from '@pasar/service-kit';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey, PRODUCT_STORE } from './store-errors.ts';

interface CategoryDocument {
  _id: string;
  label: string;
  attributes: unknown[];
  createdAt: Date;
}

export type CategoriesRepository = ReturnType<typeof createCategoriesRepository>;

/** Category definitions: data in the `categories` collection, one document per category name. */
export function createCategoriesRepository(db: Db) {
  const collection: Collection<CategoryDocument> = db.collection<CategoryDocument>('categories');
  return guardStoreCalls(PRODUCT_STORE, {
    /** Every stored definition, unvalidated: the domain decides what a usable definition is. */
    async findAll(): Promise<Array<{ name: string; label: string; attributes: unknown[] }>> {
      const documents = await collection.find({}).sort({ _id: 1 }).toArray();
      return documents.map(({ _id, label, attributes }) => ({ name: _id, label, attributes }));
    },

    /**
     * Inserts the categories that do not exist yet and leaves existing ones as they are, so running it
     * at every start-up (by several instances at once, too) is harmless and edits made in the store stay.
     */
    async insertMissing(categories: ProductCategory[]): Promise<number> {
      let inserted = 0;
      for (const { name, label, attributes } of categories) {
        try {
          await collection.insertOne({ _id: name, label, attributes, createdAt: new Date() });
          inserted++;
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
      }
      return inserted;
    },
  });
}
