// Public REST request/response schemas of the cart (the order service owns it; the gateway's /api/cart).
//
// Routes (through the gateway, every one needs the customer's token; the caller's own cart):
//   GET    /api/cart                       the cart (CartView), with an ETag header
//   POST   /api/cart/items                 AddCartItemRequest: adds the quantity to the product's line (creates it)
//   PATCH  /api/cart/items/:productId      UpdateCartItemRequest: sets the line's quantity (404 if no such line)
//   DELETE /api/cart/items/:productId      removes the line (no such line: the cart as it is)
//   POST   /api/cart/merge                 MergeCartRequest: the guest cart from the browser, merged at login
//   POST   /api/orders                     PlaceOrderFromCartRequest (with an Idempotency-Key): checkout
// Every write answers 200 with the new CartView and its ETag.
// Writes accept If-Match (the ETag of the cart the client saw): a stale one is a 409 problem+json.
// Without If-Match a write applies to the cart as it is then (the service retries on a concurrent
// write, so two tabs never lose an update).
// Going over a limit (CART_LIMITS) is a 400 naming the field; the state store down is a 503.
import { z } from 'zod';
import { Address, Id, Timestamp } from '../common.ts';

export const CART_LIMITS = {
  /** The most units of one product a cart line holds. */
  maxQuantityPerLine: 99,
  /** The most lines (distinct products) a cart holds. */
  maxLines: 50,
} as const;

/** A cart nobody touched for this long is forgotten (the state store's TTL, renewed on every write). */
export const CART_TTL_SECONDS = 30 * 24 * 3600;

/** Response header carrying the cart's version (a strong ETag, quoted); send it back as If-Match. */
export const ETAG_HEADER = 'etag';
export const IF_MATCH_HEADER = 'if-match';

export const CartQuantity = z.number().int().min(1).max(CART_LIMITS.maxQuantityPerLine);

export const CartItem = z.strictObject({ productId: Id, quantity: CartQuantity });
export type CartItem = z.infer<typeof CartItem>;

/** POST /cart/items: adds `quantity` to the product's line; a line over maxQuantityPerLine is a 400 naming `quantity`. */
export const AddCartItemRequest = CartItem;
export type AddCartItemRequest = z.infer<typeof AddCartItemRequest>;

/** PATCH /cart/items/:productId: the line's new quantity (DELETE removes a line). */
export const UpdateCartItemRequest = z.strictObject({ quantity: CartQuantity });
export type UpdateCartItemRequest = z.infer<typeof UpdateCartItemRequest>;

export const CartItemParams = z.object({ productId: Id });

/**
 * POST /cart/merge: a guest's cart, merged into the customer's at login. Quantities of a product in
 * both add up, capped at maxQuantityPerLine; a merged cart over maxLines is a 400 naming `items`.
 */
export const MergeCartRequest = z.strictObject({ items: z.array(CartItem).max(CART_LIMITS.maxLines) });
export type MergeCartRequest = z.infer<typeof MergeCartRequest>;

export const CartLine = z.object({
  productId: Id,
  quantity: z.number().int().positive(),
  /** The product's current name (its name when added, if it is gone). */
  name: z.string(),
  sku: z.string(),
  imageUrl: z.url().nullable(),
  /** The current price per unit, in rupiah (the price when added, if the product is gone). */
  unitPriceIdr: z.number().int().nonnegative(),
  /** The price per unit when the line was added (or its quantity last changed by an add). */
  addedUnitPriceIdr: z.number().int().nonnegative(),
  /** The price now differs from addedUnitPriceIdr. */
  priceChanged: z.boolean(),
  /** Units on hand now (0 if the product is gone). */
  stock: z.number().int().nonnegative(),
  /** The product is for sale and its stock covers the quantity. */
  available: z.boolean(),
  /** unitPriceIdr × quantity. */
  lineTotalIdr: z.number().int().nonnegative(),
});
export type CartLine = z.infer<typeof CartLine>;

export const CartTotals = z.object({
  lineCount: z.number().int().nonnegative(),
  /** Units over all lines. */
  itemCount: z.number().int().nonnegative(),
  /** What checkout would charge now: the sum of lineTotalIdr over the available lines. */
  totalIdr: z.number().int().nonnegative(),
  /** Lines that would stop a checkout (not for sale, or not enough stock). */
  unavailableLineCount: z.number().int().nonnegative(),
});
export type CartTotals = z.infer<typeof CartTotals>;

/** GET /cart, and the answer of every cart write. Lines in the order they were first added. */
export const CartView = z.object({
  lines: z.array(CartLine),
  totals: CartTotals,
  /** When the cart last changed; null for an empty cart never written. */
  updatedAt: Timestamp.nullable(),
});
export type CartView = z.infer<typeof CartView>;

/**
 * POST /orders from the cart: the cart's lines at their current prices. The cart is emptied once the
 * order has committed, and only if nobody changed the cart since the order read it; a retry with the
 * same Idempotency-Key answers the same order and never empties a cart filled since. An empty cart
 * is a 422 naming `fromCart`; a line not for sale a 422 naming `items.<n>.productId` (n: its index
 * in the cart's lines); out of stock a 409.
 */
export const PlaceOrderFromCartRequest = z.strictObject({
  fromCart: z.literal(true),
  /** Default: the customer's default address (send a saved address's fields to use that one). */
  shippingAddress: Address.optional(),
});
export type PlaceOrderFromCartRequest = z.infer<typeof PlaceOrderFromCartRequest>;
