import { AppError } from './errors.ts';

/** A store as a 503 names it, and how its client's errors tell "it cannot serve now" from the rest. */
export interface DataStore {
  /** Starts the 503's detail: "<name> is unavailable". */
  name: string;
  /** Kept next to the store's client: down, unreachable, overloaded, as opposed to a refused request. */
  isOutage: (error: unknown) => boolean;
}

/** An outage of `store` as a 503 naming it (and the operation, if given); anything else unchanged. */
export function storeErrorOf(store: DataStore, error: unknown, operation?: string): unknown {
  if (error instanceof AppError || !store.isOutage(error)) return error;
  return AppError.unavailable(`${store.name} is unavailable${operation ? ` (${operation})` : ''}`, error);
}

/** Runs one call to `store`; an outage of it becomes a quick 503 (storeErrorOf). */
export async function callStore<T>(store: DataStore, work: () => Promise<T>, operation?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeErrorOf(store, error, operation);
  }
}

type AsyncMethods<R> = { [K in keyof R]: (...args: never[]) => Promise<unknown> };

/** The repository with each of its methods run through callStore, for a data-access layer whose every call is one to `store`. */
export function guardStoreCalls<R extends AsyncMethods<R>>(store: DataStore, repository: R): R {
  const guarded: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(repository) as Array<[string, (...args: unknown[]) => Promise<unknown>]>) {
    guarded[name] = (...args: unknown[]) => callStore(store, () => method(...args));
  }
  return guarded as R;
}
