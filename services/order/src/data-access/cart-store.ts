import { AppError, type DaprClient } from '@pasar/service-kit';
import { z } from 'zod';
import { emptyCart, type Cart } from '../domain/cart.ts';

/** The Dapr state store (components/shared/statestore.yaml); daprd prefixes every key with the app id. */
export const STATE_STORE = 'statestore';

export interface StoredCart {
  cart: Cart;
  /** The state store's ETag of the value read; undefined when there was none. */
  etag: string | undefined;
}

/** Carts by customer, in the state store, each forgotten `ttlSeconds` after its last write or renewal. */
export interface CartStore {
  read(customerId: string): Promise<StoredCart>;
  /** Writes if the stored value still has `etag` (nothing stored, when undefined); a 409 AppError otherwise. */
  write(customerId: string, cart: Cart, etag: string | undefined): Promise<void>;
  /** Writes a cart read back as it was, so the store keeps it `ttlSeconds` from now; a write meanwhile renewed it already. */
  renew(customerId: string, stored: StoredCart): Promise<void>;
}

const CartValue = z.object({
  revision: z.string(),
  entries: z.array(
    z.object({
      productId: z.string(),
      quantity: z.number().int(),
      name: z.string(),
      sku: z.string(),
      addedUnitPriceIdr: z.number().int(),
    }),
  ),
  updatedAt: z.string().nullable(),
});

export function createCartStore(dapr: DaprClient, ttlSeconds: number): CartStore {
  const store = dapr.stateStore<unknown>(STATE_STORE);
  const keyOf = (customerId: string) => `cart-${customerId}`;
  return {
    async read(customerId) {
      const stored = await store.get(keyOf(customerId));
      return stored ? { cart: CartValue.parse(stored.value), etag: stored.etag } : { cart: emptyCart(), etag: undefined };
    },
    async write(customerId, cart, etag) {
      if (etag !== undefined) return store.save(keyOf(customerId), cart, { etag, ttlSeconds });
      if (!(await store.create(keyOf(customerId), cart, { ttlSeconds })))
        throw AppError.conflict(`The cart of ${customerId} was created meanwhile`);
    },
    async renew(customerId, { cart, etag }) {
      if (etag === undefined) return;
      await store.save(keyOf(customerId), cart, { etag, ttlSeconds }).catch((error: unknown) => {
        if (!(error instanceof AppError && error.status === 409)) throw error;
      });
    },
  };
}
