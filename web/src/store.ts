import { useEffect, useState } from 'preact/hooks';

/** A value components can watch: enough state management for a shop of this size. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener(value);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}

/** A store kept in localStorage under `key`, and followed across tabs (the storage event). */
export function persistedStore<T>(key: string, initial: T, isValid: (value: unknown) => value is T): Store<T> {
  const store = createStore(readStored(key, initial, isValid));
  const set = store.set;
  store.set = (value) => {
    if (value === undefined || value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
    set(value);
  };
  addEventListener('storage', (event) => {
    if (event.key === key) set(readStored(key, initial, isValid));
  });
  return store;
}

function readStored<T>(key: string, initial: T, isValid: (value: unknown) => value is T): T {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return initial;
    const parsed: unknown = JSON.parse(raw);
    return isValid(parsed) ? parsed : initial;
  } catch {
    return initial;
  }
}
