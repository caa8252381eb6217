import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { callStore, guardStoreCalls, type DataStore } from '../src/store-outage.ts';

class Refused extends Error {}
const store: DataStore = { name: 'The test store', isOutage: (error) => error instanceof Error && error.message === 'connection refused' };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('a call to a store', () => {
  it('when the store is down, then it is a 503 naming the store and the operation, with the cause kept', async () => {
    const outage = new Error('connection refused');

    const error = await failure(callStore(store, () => Promise.reject(outage), 'search'));

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, message: 'The test store is unavailable (search)', cause: outage });
  });

  it('when the store refuses the request itself, or a 503 is already decided, then the error passes unchanged', async () => {
    const refused = new Refused('duplicate key');
    const decided = AppError.unavailable('being worked on');

    expect(await failure(callStore(store, () => Promise.reject(refused)))).toBe(refused);
    expect(await failure(callStore(store, () => Promise.reject(decided)))).toBe(decided);
  });

  it('when a repository is guarded, then each of its methods answers as before and an outage of any becomes a 503', async () => {
    const repository = guardStoreCalls(store, {
      find: async (id: string) => ({ id }),
      save: async (_id: string) => {
        throw new Error('connection refused');
      },
    });

    expect(await repository.find('a')).toEqual({ id: 'a' });
    expect(await failure(repository.save('a'))).toMatchObject({ status: 503, message: 'The test store is unavailable' });
  });
});
