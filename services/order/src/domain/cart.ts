import { CART_LIMITS, type CartItem, type CartLine, type CartView, type ProductSnapshot } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';

/** One product in a cart, as the cart keeps it: enough to show it even once the product is gone. */
export interface CartEntry {
  productId: string;
  quantity: number;
  name: string;
  sku: string;
  /** The price when the line was added (or last added to): the view compares it with today's. */
  addedUnitPriceIdr: number;
}

/** A customer's cart. `revision` changes with every write: it is the cart's ETag, and what a checkout consumed. */
export interface Cart {
  revision: string;
  entries: CartEntry[];
  updatedAt: string | null;
}

/** The revision of a cart never written (or forgotten after its TTL). */
export const NEVER_WRITTEN = 'empty';

export const emptyCart = (): Cart => ({ revision: NEVER_WRITTEN, entries: [], updatedAt: null });

/** The cart's revision as an HTTP entity tag (strong, quoted). */
export const etagOf = (cart: Cart): string => `"${cart.revision}"`;

/** Whether an If-Match header names this cart: `*`, or one of its entity tags (a weak one compared by its value). */
export function ifMatchAccepts(header: string, cart: Cart): boolean {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === etagOf(cart));
}

/** A product a line can be added for: it is for sale, in rupiah. */
export function isSellable(product: ProductSnapshot | undefined): product is ProductSnapshot {
  return product !== undefined && product.active && product.price.currency === 'IDR';
}

/** Adds `quantity` of the product to its line (a new line at the end). A line or cart over its limit is a 409 naming the field. */
export function withAdded(entries: CartEntry[], product: ProductSnapshot, quantity: number): CartEntry[] {
  const existing = entries.find((entry) => entry.productId === product.id);
  const total = (existing?.quantity ?? 0) + quantity;
  if (total > CART_LIMITS.maxQuantityPerLine) {
    throw overLimit('quantity', `a line holds at most ${CART_LIMITS.maxQuantityPerLine}; the cart already has ${existing?.quantity ?? 0}`);
  }
  if (!existing && entries.length >= CART_LIMITS.maxLines)
    throw overLimit('productId', `the cart holds at most ${CART_LIMITS.maxLines} products`);
  const entry = entryOf(product, total);
  return existing ? entries.map((e) => (e === existing ? entry : e)) : [...entries, entry];
}

/** The line's new quantity; a product not in the cart is a 404. */
export function withQuantity(entries: CartEntry[], productId: string, quantity: number): CartEntry[] {
  if (!entries.some((entry) => entry.productId === productId)) throw AppError.notFound(`Product ${productId} is not in the cart`);
  return entries.map((entry) => (entry.productId === productId ? { ...entry, quantity } : entry));
}

export function without(entries: CartEntry[], productId: string): CartEntry[] {
  return entries.filter((entry) => entry.productId !== productId);
}

/**
 * A guest cart merged in: quantities of a product in both add up, capped at the line limit (each
 * side was within it); products not for sale are left out. More lines than the limit is a 409.
 */
export function withMerged(entries: CartEntry[], items: CartItem[], products: Map<string, ProductSnapshot>): CartEntry[] {
  let merged = entries;
  for (const item of items) {
    const product = products.get(item.productId);
    if (!isSellable(product)) continue;
    const existing = merged.find((entry) => entry.productId === product.id);
    const quantity = Math.min((existing?.quantity ?? 0) + item.quantity, CART_LIMITS.maxQuantityPerLine);
    merged = existing ? merged.map((e) => (e === existing ? entryOf(product, quantity) : e)) : [...merged, entryOf(product, quantity)];
  }
  if (merged.length > CART_LIMITS.maxLines)
    throw overLimit('items', `the merged cart would hold ${merged.length} products; at most ${CART_LIMITS.maxLines}`);
  return merged;
}

function entryOf(product: ProductSnapshot, quantity: number): CartEntry {
  return { productId: product.id, quantity, name: product.name, sku: product.sku, addedUnitPriceIdr: product.price.amount };
}

/** The cart's state does not allow the change (409), naming the field that would go over the limit. */
function overLimit(field: string, message: string): AppError {
  return new AppError(409, 'Conflict', { detail: `Over the cart's limits: ${message}`, fieldErrors: [{ field, message }] });
}

/** What the customer sees: each line at today's price and stock (products is what the product service knows of them). */
export function cartViewOf(cart: Cart, products: Map<string, ProductSnapshot>): CartView {
  const lines = cart.entries.map((entry) => lineOf(entry, products.get(entry.productId)));
  const available = lines.filter((line) => line.available);
  return {
    lines,
    totals: {
      lineCount: lines.length,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      totalIdr: available.reduce((sum, line) => sum + line.lineTotalIdr, 0),
      unavailableLineCount: lines.length - available.length,
    },
    updatedAt: cart.updatedAt,
  };
}

function lineOf(entry: CartEntry, product: ProductSnapshot | undefined): CartLine {
  const sellable = isSellable(product);
  const unitPriceIdr = sellable ? product.price.amount : entry.addedUnitPriceIdr;
  return {
    productId: entry.productId,
    quantity: entry.quantity,
    name: product?.name ?? entry.name,
    sku: product?.sku ?? entry.sku,
    imageUrl: product?.images[0] ?? null,
    unitPriceIdr,
    addedUnitPriceIdr: entry.addedUnitPriceIdr,
    priceChanged: unitPriceIdr !== entry.addedUnitPriceIdr,
    stock: product?.stock ?? 0,
    available: sellable && product.stock >= entry.quantity,
    lineTotalIdr: unitPriceIdr * entry.quantity,
  };
}
