import { AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { storeCall } from '../src/service-database.ts';

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );
const pgError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('a store call', () => {
  it('when the database cannot be reached, then it is a 503 naming whose database', async () => {
    const refused = pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');

    const error = await failure(storeCall('order', () => Promise.reject(refused)));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, message: 'The order database is unavailable', cause: refused });
  });

  it('when the database refuses the statement itself, then the error passes unchanged', async () => {
    const duplicate = pgError('duplicate key value violates unique constraint', '23505');

    expect(await failure(storeCall('order', () => Promise.reject(duplicate)))).toBe(duplicate);
  });
});
