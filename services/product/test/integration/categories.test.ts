import { ownMongoDatabase } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategoriesRepository } from '../../src/data-access/categories-repository.ts';
import { createCategoryCatalog } from '../../src/domain/categories.ts';
import { defaultCategories } from '../../src/domain/default-categories.ts';
import { silentLogger } from '../support/domain.ts';
import { fieldsOf, rejection } from '../support/errors.ts';

const store = ownMongoDatabase('product_categories');
const repository = createCategoriesRepository(store.db);
const catalog = createCategoryCatalog({ repository, logger: silentLogger, cacheMs: 0 });

beforeAll(() => repository.insertMissing(defaultCategories));
afterAll(() => store.drop());

describe('categories as data', () => {
  it('when the defaults are seeded again, then nothing is added and a category edited in the store is kept', async () => {
    await store.db.collection('categories').updateOne({ _id: 'books' as never }, { $set: { label: 'Buku' } });

    const insertedAgain = await repository.insertMissing(defaultCategories);

    expect(insertedAgain).toBe(0);
    const categories = await catalog.list();
    expect(categories.map((c) => c.name).sort()).toEqual(defaultCategories.map((c) => c.name).sort());
    expect(categories.find((c) => c.name === 'books')?.label).toBe('Buku');
  });

  it('when attributes fit the category, then they are accepted (integers, dates, enums, optional ones left out)', async () => {
    await expect(catalog.validateAttributes('electronics', { brand: 'Polytron', warrantyMonths: 24 })).resolves.toEqual({
      brand: 'Polytron',
      warrantyMonths: 24,
    });
    await expect(catalog.validateAttributes('food', { weightGrams: 500, expiryDate: '2027-01-31', halal: true })).resolves.toMatchObject({
      expiryDate: '2027-01-31',
    });
    await expect(catalog.validateAttributes('fashion', { size: 'L', colour: 'indigo', material: 'batik tulis' })).resolves.toMatchObject({
      size: 'L',
    });
  });

  it('when an attribute has the wrong type, then the 422 names attributes.<key>', async () => {
    const error = await rejection(catalog.validateAttributes('electronics', { brand: 'Polytron', warrantyMonths: 'two years' }), 422);

    expect(fieldsOf(error)).toEqual(['attributes.warrantyMonths']);
  });

  it('when attributes are missing, unknown or out of range, then each one is named', async () => {
    const error = await rejection(catalog.validateAttributes('food', { weightGrams: 0, expiryDate: '31/01/2027', colour: 'red' }), 422);

    expect(fieldsOf(error).sort()).toEqual(['attributes.colour', 'attributes.expiryDate', 'attributes.weightGrams']);
  });

  it('when the category does not exist, then the 422 names category', async () => {
    const error = await rejection(catalog.validateAttributes('weapons', {}), 422);

    expect(fieldsOf(error)).toEqual(['category']);
  });

  it('when a category is added to the store, then it is usable without a restart', async () => {
    await store.db.collection('categories').insertOne({
      _id: 'toys' as never,
      label: 'Toys',
      attributes: [{ key: 'minimumAge', label: 'Minimum age', type: 'integer', required: true, min: 0 }],
      createdAt: new Date(),
    });

    await expect(catalog.validateAttributes('toys', { minimumAge: 3 })).resolves.toEqual({ minimumAge: 3 });
  });

  it('when a stored definition is invalid, then that category is skipped and the others still work', async () => {
    await store.db
      .collection('categories')
      .insertOne({ _id: 'broken' as never, label: 'Broken', attributes: [{ key: 'x', type: 'colour' }], createdAt: new Date() });

    expect((await catalog.list()).map((c) => c.name)).not.toContain('broken');
    await expect(catalog.validateAttributes('electronics', { brand: 'Sharp', warrantyMonths: 6 })).resolves.toBeDefined();
  });
});
