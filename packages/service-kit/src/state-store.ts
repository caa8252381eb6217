import { StateConcurrencyEnum, StateConsistencyEnum, type DaprClient as SdkClient } from '@dapr/dapr';
import { callSidecar, throwIfFailed, type SidecarAnswer } from './dapr-sdk.ts';
import { AppError } from './errors.ts';

/** A value as stored, with the ETag that a conditional save or delete of it names. */
export interface StateEntry<T> {
  value: T;
  etag: string;
}

export interface SaveOptions {
  /** Save only if the stored value still has this ETag (409 Conflict otherwise). */
  etag?: string;
  /** The store forgets the key this long after the save. */
  ttlSeconds?: number;
}

/** JSON values under string keys in a Dapr state store, with optimistic concurrency and time-to-live. */
export interface StateStore<T> {
  /** The value and its ETag, or undefined when the key holds nothing. */
  get(key: string): Promise<StateEntry<T> | undefined>;
  save(key: string, value: T, options?: SaveOptions): Promise<void>;
  /** Saves only if the key holds nothing: false when it already held a value (someone else created it first). */
  create(key: string, value: T, options?: { ttlSeconds?: number }): Promise<boolean>;
  /** Deletes the key; with an ETag, only if the stored value still has it (409 Conflict otherwise). */
  delete(key: string, options?: { etag?: string }): Promise<void>;
}

/**
 * Conditional writes say first-write concurrency: under last-write a store may ignore the ETag it
 * is given (Redis does), and the write would silently win.
 */
const CONDITIONAL = {
  concurrency: StateConcurrencyEnum.CONCURRENCY_FIRST_WRITE,
  consistency: StateConsistencyEnum.CONSISTENCY_UNSPECIFIED,
};

export function stateStoreOver<T>(sdk: SdkClient, storeName: string, timeoutMs: number): StateStore<T> {
  const call = <R>(what: string, run: () => Promise<R>) =>
    callSidecar(`state ${storeName}: ${what}`, timeoutMs, run, (answer) => stateFailure(storeName, what, answer));
  /**
   * daprd answers every failure of a write that names an ETag with 409 ("possible etag mismatch"),
   * a store that is down too: a conflict counts only if the value really changed (looking again
   * fails with a 503 while the store is down).
   */
  const conditionally = async (key: string, etag: string | undefined, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      if (etag === undefined || !(error instanceof AppError) || error.status !== 409) throw error;
      if ((await store.get(key))?.etag === etag)
        throw AppError.unavailable(`state ${storeName}: ${key}: the store refused a write of an unchanged value`, error);
      throw error;
    }
  };
  const store: StateStore<T> = {
    async get(key) {
      // getBulk, not get: the SDK's get returns the value without its ETag (daprd sends it as a header).
      const [item] = await call(`get ${key}`, () => sdk.state.getBulk(storeName, [key]));
      // daprd answers a bulk read 200 even when the store failed, with the error on the item.
      if (typeof item?.error === 'string') throw AppError.unavailable(`state ${storeName}: get ${key} failed: ${item.error}`);
      if (item?.data === undefined || typeof item.etag !== 'string') return undefined;
      return { value: item.data as T, etag: item.etag };
    },
    async save(key, value, options = {}) {
      await conditionally(key, options.etag, () =>
        call(`save ${key}`, async () =>
          throwIfFailed(
            await sdk.state.save(storeName, [
              {
                key,
                value,
                ...(options.etag !== undefined && { etag: options.etag, options: CONDITIONAL }),
                ...(options.ttlSeconds !== undefined && { metadata: { ttlInSeconds: String(options.ttlSeconds) } }),
              },
            ]),
          ),
        ),
      );
    },
    async create(key, value, options = {}) {
      try {
        // First-write without an ETag: the store refuses it when the key exists.
        await call(`create ${key}`, async () =>
          throwIfFailed(
            await sdk.state.save(storeName, [
              {
                key,
                value,
                options: CONDITIONAL,
                ...(options.ttlSeconds !== undefined && { metadata: { ttlInSeconds: String(options.ttlSeconds) } }),
              },
            ]),
          ),
        );
        return true;
      } catch (error) {
        // daprd answers that refusal with a 500 (not a 409): tell it from an outage by looking again.
        if ((await store.get(key)) !== undefined) return false;
        throw error;
      }
    },
    async delete(key, options = {}) {
      // The SDK puts the key into the URL as it is.
      await conditionally(key, options.etag, () =>
        call(`delete ${key}`, async () =>
          throwIfFailed(
            await sdk.state.delete(storeName, encodeURIComponent(key), {
              ...(options.etag !== undefined && { etag: options.etag, concurrency: CONDITIONAL.concurrency }),
            }),
          ),
        ),
      );
    },
  };
  return store;
}

/** daprd answers a stale ETag with 409; anything else means the store cannot be used now. */
function stateFailure(storeName: string, what: string, answer: SidecarAnswer): AppError {
  if (answer.status === 409) return AppError.conflict(`state ${storeName}: ${what}: the value changed since it was read (ETag mismatch)`);
  const detail = JSON.stringify(answer.body ?? '').slice(0, 300);
  return AppError.unavailable(`state ${storeName}: ${what} failed: ${answer.status} ${detail}`);
}
