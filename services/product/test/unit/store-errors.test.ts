import { AppError, storeErrorOf } from '@pasar/service-kit';
import { MongoServerError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { PRODUCT_STORE } from '../../src/data-access/store-errors.ts';

const asAppError = (error: unknown) => storeErrorOf(PRODUCT_STORE, error);

describe('store errors as problems', () => {
  it('when FerretDB answers that its SQLite database is locked, then it is a 503 to retry, not a 500', () => {
    const busy = new MongoServerError({
      message: '[collection.go:177 sqlite.(*collection).UpdateAll.func1] database is locked (5) (SQLITE_BUSY)',
    });

    expect(asAppError(busy)).toBeInstanceOf(AppError);
    expect((asAppError(busy) as AppError).status).toBe(503);
  });

  it('when the store refuses a write for another reason, then the error passes unchanged', () => {
    const duplicate = new MongoServerError({ message: 'E11000 duplicate key', code: 11000 });

    expect(asAppError(duplicate)).toBe(duplicate);
  });
});
