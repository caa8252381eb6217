import type { ProductCategory } from '@pasar/contracts';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './store-errors.ts';

interface CategoryDocument {
  _id: string;
  label: string;
  attributes: unknown[];
  createdAt: Date;
}

/** Category definitions: data in the `categories` collection, one document per category name. */
export class CategoriesRepository {
  private readonly collection: Collection<CategoryDocument>;

  constructor(db: Db) {
    this.collection = db.collection<CategoryDocument>('categories');
  }

  /** Every stored definition, unvalidated: the domain decides what a usable definition is. */
  async findAll(): Promise<Array<{ name: string; label: string; attributes: unknown[] }>> {
    const documents = await this.collection.find({}).sort({ _id: 1 }).toArray();
    return documents.map(({ _id, label, attributes }) => ({ name: _id, label, attributes }));
  }

  /**
   * Inserts the categories that do not exist yet and leaves existing ones as they are, so running it
   * at every start-up (by several instances at once, too) is harmless and edits made in the store stay.
   */
  async insertMissing(categories: ProductCategory[]): Promise<number> {
    let inserted = 0;
    for (const { name, label, attributes } of categories) {
      try {
        await this.collection.insertOne({ _id: name, label, attributes, createdAt: new Date() });
        inserted++;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    return inserted;
  }
}
