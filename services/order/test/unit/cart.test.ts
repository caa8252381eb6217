import { randomUUID } from 'node:crypto';
import { CART_LIMITS, type ProductSnapshot } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import { aProductSnapshot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import type { CartStore, StoredCart } from '../../src/data-access/cart-store.ts';
import {
  cartViewOf,
  emptyCart,
  etagOf,
  ifMatchAccepts,
  withAdded,
  withMerged,
  withQuantity,
  type Cart,
  type CartEntry,
} from '../../src/domain/cart.ts';
import { createCartUseCases } from '../../src/domain/cart-use-cases.ts';

/** The product the cart tests price against: override what the test is about. */
const aProduct = (overrides: Partial<ProductSnapshot> = {}): ProductSnapshot =>
  aProductSnapshot({
    name: 'Kopi Gayo',
    description: '',
    category: 'food',
    price: { amount: 75_000, currency: 'IDR' },
    images: [],
    ...overrides,
  });

const cartOf = (entries: CartEntry[]): Cart => ({ revision: randomUUID(), entries, updatedAt: new Date().toISOString() });
const byId = (...products: ProductSnapshot[]) => new Map(products.map((p) => [p.id, p]));

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe("the cart's lines", () => {
  it('when a product already in the cart is added again, then its line grows and keeps its place', () => {
    const [first, second] = [aProduct(), aProduct()];
    const entries = withAdded(withAdded(withAdded([], first, 2), second, 1), first, 3);

    expect(entries.map((e) => [e.productId, e.quantity])).toEqual([
      [first.id, 5],
      [second.id, 1],
    ]);
  });

  it('when an add would take a line over its limit, then it is a 409 naming quantity, and the line is as it was', () => {
    const product = aProduct();
    const entries = withAdded([], product, CART_LIMITS.maxQuantityPerLine - 1);

    const error = errorOf(() => withAdded(entries, product, 2));

    expect(error.status).toBe(409);
    expect(error.fieldErrors).toEqual([{ field: 'quantity', message: expect.stringContaining(String(CART_LIMITS.maxQuantityPerLine)) }]);
    expect(entries[0]!.quantity).toBe(CART_LIMITS.maxQuantityPerLine - 1);
  });

  it('when a full cart gets one more product, then it is a 409 naming productId; more of a product it holds still fits', () => {
    let entries: CartEntry[] = [];
    for (let i = 0; i < CART_LIMITS.maxLines; i++) entries = withAdded(entries, aProduct(), 1);

    expect(errorOf(() => withAdded(entries, aProduct(), 1)).fieldErrors?.[0]?.field).toBe('productId');
    expect(withAdded(entries, aProduct({ id: entries[0]!.productId }), 1)[0]!.quantity).toBe(2);
  });

  it('when the quantity of a product not in the cart is set, then it is a 404', () => {
    expect(errorOf(() => withQuantity([], randomUUID(), 1)).status).toBe(404);
  });

  it('when a guest cart is merged, then quantities add up to at most the line limit and products not for sale are left out', () => {
    const [kept, shared, inactive] = [aProduct(), aProduct(), aProduct({ active: false })];
    const entries = withAdded([], shared, CART_LIMITS.maxQuantityPerLine - 1);

    const merged = withMerged(
      entries,
      [
        { productId: shared.id, quantity: 5 },
        { productId: kept.id, quantity: 2 },
        { productId: inactive.id, quantity: 1 },
        { productId: randomUUID(), quantity: 1 },
      ],
      byId(kept, shared, inactive),
    );

    expect(merged.map((e) => [e.productId, e.quantity])).toEqual([
      [shared.id, CART_LIMITS.maxQuantityPerLine],
      [kept.id, 2],
    ]);
  });

  it('when a merge would hold more lines than the limit, then it is a 409 naming items', () => {
    const products = Array.from({ length: CART_LIMITS.maxLines + 1 }, () => aProduct());
    const entries = withAdded([], products[0]!, 1);

    const error = errorOf(() =>
      withMerged(
        entries,
        products.slice(1).map((p) => ({ productId: p.id, quantity: 1 })),
        byId(...products),
      ),
    );

    expect([error.status, error.fieldErrors?.[0]?.field]).toEqual([409, 'items']);
  });
});

describe('the cart as the customer sees it', () => {
  it('when a price went up, a product was withdrawn, is gone or is short of stock, then each line says so and the total counts only what can be ordered', () => {
    const [dearer, withdrawn, gone, short, fine] = [
      aProduct(),
      aProduct(),
      aProduct(),
      aProduct({ stock: 1 }),
      aProduct({ price: { amount: 10_000, currency: 'IDR' } }),
    ];
    const cart = cartOf([dearer, withdrawn, gone, short, fine].reduce<CartEntry[]>((entries, p) => withAdded(entries, p, 2), []));

    const view = cartViewOf(
      cart,
      byId({ ...dearer, price: { amount: 80_000, currency: 'IDR' } }, { ...withdrawn, active: false }, short, fine),
    );

    expect(view.lines.map((l) => [l.unitPriceIdr, l.priceChanged, l.available])).toEqual([
      [80_000, true, true],
      [75_000, false, false],
      [75_000, false, false],
      [75_000, false, false],
      [10_000, false, true],
    ]);
    expect(view.lines[2]).toMatchObject({ name: gone.name, sku: gone.sku, stock: 0 });
    expect(view.totals).toEqual({ lineCount: 5, itemCount: 10, totalIdr: 2 * 80_000 + 2 * 10_000, unavailableLineCount: 3 });
  });

  it('when the cart was never written, then it is empty with an ETag of its own', () => {
    expect(cartViewOf(emptyCart(), new Map())).toEqual({
      lines: [],
      totals: { lineCount: 0, itemCount: 0, totalIdr: 0, unavailableLineCount: 0 },
      updatedAt: null,
    });
    expect(etagOf(emptyCart())).toBe('"empty"');
  });

  it.each([
    ['its ETag', (cart: Cart) => etagOf(cart), true],
    ['its ETag marked weak', (cart: Cart) => `W/${etagOf(cart)}`, true],
    ['a list holding its ETag', (cart: Cart) => `"other", ${etagOf(cart)}`, true],
    ['*', () => '*', true],
    ['another ETag', () => '"other"', false],
    ['its revision unquoted', (cart: Cart) => cart.revision, false],
  ])('when If-Match is %s, then it matches: %s', (_, header, matches) => {
    const cart = cartOf([]);
    expect(ifMatchAccepts(header(cart), cart)).toBe(matches);
  });
});

const DAY_MS = 24 * 60 * 60_000;
const TTL_DAYS = 30;

/**
 * A cart store that keeps ETags and a time to live as the state store does (on a clock the test
 * moves), and can let "another tab" write between a read and a write.
 */
function aCartStore() {
  const carts = new Map<string, { cart: Cart; etag: string; expiresAt: number }>();
  let now = 0;
  let version = 0;
  let beforeNextWrite: (() => void) | undefined;
  const live = (customerId: string) => {
    const stored = carts.get(customerId);
    return stored && stored.expiresAt > now ? stored : undefined;
  };
  const put = (customerId: string, cart: Cart) =>
    carts.set(customerId, { cart, etag: String(++version), expiresAt: now + TTL_DAYS * DAY_MS });
  const store: CartStore & {
    meddle(run: () => void): void;
    put(customerId: string, cart: Cart): void;
    renewNow(customerId: string): void;
    passDays(days: number): void;
  } = {
    async read(customerId): Promise<StoredCart> {
      const stored = live(customerId);
      return stored ? { cart: stored.cart, etag: stored.etag } : { cart: emptyCart(), etag: undefined };
    },
    async write(customerId, cart, etag) {
      const meddle = beforeNextWrite;
      beforeNextWrite = undefined;
      meddle?.();
      if (live(customerId)?.etag !== etag) throw AppError.conflict('ETag mismatch');
      put(customerId, cart);
    },
    async renew(customerId, stored) {
      if (stored.etag !== undefined && live(customerId)?.etag === stored.etag) put(customerId, stored.cart);
    },
    meddle(run) {
      beforeNextWrite = run;
    },
    put,
    renewNow(customerId) {
      put(customerId, carts.get(customerId)!.cart);
    },
    passDays(days) {
      now += days * DAY_MS;
    },
  };
  return store;
}

describe('changing the cart', () => {
  const products = new Map<string, ProductSnapshot>();
  const peers = {
    productsOf: async (ids: string[]) => ({ products: ids.flatMap((id) => (products.has(id) ? [products.get(id)!] : [])), missing: [] }),
  };
  const aStocked = () => {
    const p = aProduct();
    products.set(p.id, p);
    return p;
  };

  it('when another tab writes between the read and the write, then the change is applied again on top and neither is lost', async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const [mine, theirs] = [aStocked(), aStocked()];
    const customerId = randomUUID();
    carts.meddle(() => carts.put(customerId, cartOf(withAdded([], theirs, 1))));

    const answer = await useCases.addItem(customerId, { productId: mine.id, quantity: 2 }, { ifMatch: undefined });

    expect(answer.view.lines.map((l) => [l.productId, l.quantity])).toEqual([
      [theirs.id, 1],
      [mine.id, 2],
    ]);
  });

  it('when If-Match names the cart the client saw but another tab wrote since, then it is a 409 naming if-match and nothing changes', async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const customerId = randomUUID();
    const seen = await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });
    await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });

    const stale = useCases.setQuantity(customerId, seen.view.lines[0]!.productId, 5, { ifMatch: seen.etag });

    await expect(stale).rejects.toMatchObject({ status: 409, fieldErrors: [{ field: 'if-match', message: expect.any(String) }] });
    expect((await useCases.view(customerId)).view.lines.map((l) => l.quantity)).toEqual([1, 1]);
  });

  it("when the revision a checkout read is still the cart's, then it is emptied; once it changed, it is left alone", async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const [customerId, otherId] = [randomUUID(), randomUUID()];
    await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });
    await useCases.addItem(otherId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });
    const [consumed, consumedOther] = [await useCases.linesToOrder(customerId), await useCases.linesToOrder(otherId)];
    await useCases.addItem(otherId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });

    await useCases.emptyIfUnchanged(customerId, consumed.revision);
    await useCases.emptyIfUnchanged(otherId, consumedOther.revision);

    expect((await useCases.view(customerId)).view.lines).toEqual([]);
    expect((await useCases.view(otherId)).view.lines).toHaveLength(2);
  });

  it('when If-Match names the cart the client saw and a read renewed it meanwhile, then the change applies', async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const customerId = randomUUID();
    const seen = await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });
    carts.meddle(() => carts.renewNow(customerId));

    const changed = await useCases.setQuantity(customerId, seen.view.lines[0]!.productId, 5, { ifMatch: seen.etag });

    expect(changed.view.lines.map((l) => l.quantity)).toEqual([5]);
  });

  it('when a cart is read within its time to live, then it is kept another time to live from that read', async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const customerId = randomUUID();
    await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });

    carts.passDays(TTL_DAYS - 1);
    await useCases.view(customerId);
    carts.passDays(TTL_DAYS - 1);

    expect((await useCases.view(customerId)).view.lines).toHaveLength(1);
  });

  it('when a cart is neither read nor written for its time to live, then it is gone', async () => {
    const carts = aCartStore();
    const useCases = createCartUseCases({ carts, peers });
    const customerId = randomUUID();
    await useCases.addItem(customerId, { productId: aStocked().id, quantity: 1 }, { ifMatch: undefined });

    carts.passDays(TTL_DAYS);

    expect((await useCases.view(customerId)).view.lines).toEqual([]);
  });

  it('when an empty cart is checked out, then it is a 422 naming fromCart', async () => {
    const useCases = createCartUseCases({ carts: aCartStore(), peers });

    await expect(useCases.linesToOrder(randomUUID())).rejects.toMatchObject({
      status: 422,
      fieldErrors: [{ field: 'fromCart', message: 'the cart is empty' }],
    });
  });
});
