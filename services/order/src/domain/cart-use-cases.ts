import { randomUUID } from 'node:crypto';
import type { CartItem, CartView, ProductSnapshot } from '@pasar/contracts';
import { AppError, RpcError } from '@pasar/service-kit';
import type { CartStore } from '../data-access/cart-store.ts';
import type { Peers } from '../data-access/peers.ts';
import {
  cartViewOf,
  etagOf,
  ifMatchAccepts,
  isSellable,
  withAdded,
  withMerged,
  without,
  withQuantity,
  type Cart,
  type CartEntry,
} from './cart.ts';

/** A read-modify-write that met a concurrent write starts again from the new cart, this many times at most. */
const WRITE_ATTEMPTS = 5;

export interface CartAnswer {
  view: CartView;
  etag: string;
}

/** What a change is checked against: the If-Match header the client sent, if any. */
export interface CartCondition {
  ifMatch: string | undefined;
}

export interface CartDeps {
  carts: CartStore;
  peers: Pick<Peers, 'productsOf'>;
}

export type CartUseCases = ReturnType<typeof createCartUseCases>;

/** The customer's cart: read it, change it (never losing a concurrent change), and what a checkout takes from it. */
export function createCartUseCases(deps: CartDeps) {
  const answer = async (cart: Cart): Promise<CartAnswer> => ({
    view: cartViewOf(
      cart,
      await productsOf(
        deps.peers,
        cart.entries.map((e) => e.productId),
      ),
    ),
    etag: etagOf(cart),
  });

  /**
   * Applies `change` to the cart as stored. With If-Match, only to the cart the client saw (409
   * otherwise); a concurrent write makes it start again from the newer cart (with If-Match, only
   * while that is still the cart the client saw: a read renewing it changed its ETag, not the cart).
   */
  async function changeCart(customerId: string, condition: CartCondition, change: (entries: CartEntry[]) => CartEntry[]): Promise<Cart> {
    for (let attempt = 1; ; attempt++) {
      const { cart, etag } = await deps.carts.read(customerId);
      if (condition.ifMatch !== undefined && !ifMatchAccepts(condition.ifMatch, cart)) throw staleCart();
      const entries = change(cart.entries);
      if (entries === cart.entries) return cart;
      const next: Cart = { revision: randomUUID(), entries, updatedAt: new Date().toISOString() };
      try {
        await deps.carts.write(customerId, next, etag);
        return next;
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt >= WRITE_ATTEMPTS) throw AppError.conflict('The cart kept changing while this change was applied: try again');
      }
    }
  }

  async function sellableProduct(productId: string): Promise<ProductSnapshot> {
    const product = (await productsOf(deps.peers, [productId])).get(productId);
    if (!isSellable(product)) {
      throw AppError.unprocessable('This product cannot be added to a cart', [
        { field: 'productId', message: product ? 'this product is not for sale' : 'no such product' },
      ]);
    }
    return product;
  }

  return {
    /** Reading is using: the cart expires only after its time to live without use, so a read renews it. */
    async view(customerId: string): Promise<CartAnswer> {
      const stored = await deps.carts.read(customerId);
      await deps.carts.renew(customerId, stored);
      return answer(stored.cart);
    },

    async addItem(customerId: string, item: CartItem, condition: CartCondition): Promise<CartAnswer> {
      const product = await sellableProduct(item.productId);
      return answer(await changeCart(customerId, condition, (entries) => withAdded(entries, product, item.quantity)));
    },

    async setQuantity(customerId: string, productId: string, quantity: number, condition: CartCondition): Promise<CartAnswer> {
      return answer(await changeCart(customerId, condition, (entries) => withQuantity(entries, productId, quantity)));
    },

    async removeItem(customerId: string, productId: string, condition: CartCondition): Promise<CartAnswer> {
      const change = (entries: CartEntry[]) => (entries.some((e) => e.productId === productId) ? without(entries, productId) : entries);
      return answer(await changeCart(customerId, condition, change));
    },

    async merge(customerId: string, items: CartItem[], condition: CartCondition): Promise<CartAnswer> {
      const products = await productsOf(
        deps.peers,
        items.map((item) => item.productId),
      );
      return answer(await changeCart(customerId, condition, (entries) => (items.length ? withMerged(entries, items, products) : entries)));
    },

    /** What a checkout orders: the cart's lines, and the revision it read them at (an empty cart is a 422). */
    async linesToOrder(customerId: string): Promise<{ items: CartItem[]; revision: string }> {
      const { cart } = await deps.carts.read(customerId);
      if (cart.entries.length === 0)
        throw AppError.unprocessable('The cart is empty', [{ field: 'fromCart', message: 'the cart is empty' }]);
      return { items: cart.entries.map(({ productId, quantity }) => ({ productId, quantity })), revision: cart.revision };
    },

    /** Empties the cart a committed order consumed, unless it changed since (it was filled again, or already emptied). */
    async emptyIfUnchanged(customerId: string, revision: string): Promise<void> {
      for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
        const { cart, etag } = await deps.carts.read(customerId);
        if (cart.revision !== revision) return;
        try {
          await deps.carts.write(customerId, { revision: randomUUID(), entries: [], updatedAt: new Date().toISOString() }, etag);
          return;
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
      }
    },
  };
}

async function productsOf(peers: Pick<Peers, 'productsOf'>, ids: string[]): Promise<Map<string, ProductSnapshot>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const { products } = await peers.productsOf(unique).catch((error: unknown) => {
    throw error instanceof RpcError && error.status >= 500 ? AppError.unavailable(error.message, error) : error;
  });
  return new Map(products.map((product) => [product.id, product]));
}

const isConflict = (error: unknown) => error instanceof AppError && error.status === 409;

function staleCart(): AppError {
  return new AppError(409, 'Conflict', {
    detail: 'The cart changed since it was read: read it again (its new ETag) and retry',
    fieldErrors: [{ field: 'if-match', message: 'not the current ETag of the cart' }],
  });
}
