import type { CART_LIMITS, CartLine, CartView, ProductResponse } from '@pasar/contracts';
import { ApiError, request } from './api.ts';
import { currentToken } from './session.ts';
import { createStore, persistedStore } from './store.ts';

/** The contract's limit; the type makes the compiler check it is still the contract's number. */
export const MAX_QUANTITY: (typeof CART_LIMITS)['maxQuantityPerLine'] = 99;
const MAX_LINES: (typeof CART_LIMITS)['maxLines'] = 50;

/** A guest's cart line, in this browser only, with the price seen when it was added. */
export interface GuestLine {
  productId: string;
  quantity: number;
  name: string;
  unitPriceIdr: number;
}

const isGuestLines = (value: unknown): value is GuestLine[] =>
  Array.isArray(value) &&
  value.every((line) => typeof line?.productId === 'string' && Number.isInteger(line?.quantity) && typeof line?.name === 'string');

export const guestCart = persistedStore<GuestLine[]>('pasar.guestCart', [], isGuestLines);
/** The customer's cart on the server, as last seen; undefined until loaded (or for a guest). */
export const serverCart = createStore<CartView | undefined>(undefined);
let serverEtag: string | undefined;

export async function loadCart(): Promise<CartView> {
  const token = currentToken();
  return token ? loadServerCart(token) : guestView(guestCart.get());
}

async function loadServerCart(token: string): Promise<CartView> {
  const answer = await request<CartView>('GET', '/api/cart', { token });
  return keep(answer.data, answer.etag);
}

function keep(view: CartView, etag: string | undefined): CartView {
  serverEtag = etag;
  serverCart.set(view);
  return view;
}

export async function addToCart(product: ProductResponse, quantity: number): Promise<void> {
  const token = currentToken();
  if (token) {
    const answer = await request<CartView>('POST', '/api/cart/items', { token, body: { productId: product.id, quantity } });
    keep(answer.data, answer.etag);
    return;
  }
  const lines = guestCart.get();
  const existing = lines.find((line) => line.productId === product.id);
  const total = (existing?.quantity ?? 0) + quantity;
  if (total > MAX_QUANTITY) throw fieldProblem('quantity', `at most ${MAX_QUANTITY} of one product`);
  if (!existing && lines.length >= MAX_LINES) throw fieldProblem('productId', `at most ${MAX_LINES} products in a cart`);
  const line = { productId: product.id, quantity: total, name: product.name, unitPriceIdr: existing?.unitPriceIdr ?? product.price.amount };
  guestCart.set(existing ? lines.map((l) => (l.productId === product.id ? line : l)) : [...lines, line]);
}

/**
 * What a change did: `conflict` when the cart had changed elsewhere (another tab) since this page
 * read it; the change was then applied to the latest cart, so nothing is lost.
 */
export interface CartChange {
  view: CartView;
  conflict: boolean;
}

export async function setQuantity(productId: string, quantity: number): Promise<CartChange> {
  const token = currentToken();
  if (token) return writeWithEtag(token, 'PATCH', `/api/cart/items/${encodeURIComponent(productId)}`, { quantity });
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY)
    throw fieldProblem('quantity', `must be between 1 and ${MAX_QUANTITY}`);
  guestCart.set(guestCart.get().map((line) => (line.productId === productId ? { ...line, quantity } : line)));
  return { view: await guestView(guestCart.get()), conflict: false };
}

export async function removeLine(productId: string): Promise<CartChange> {
  const token = currentToken();
  if (token) return writeWithEtag(token, 'DELETE', `/api/cart/items/${encodeURIComponent(productId)}`);
  guestCart.set(guestCart.get().filter((line) => line.productId !== productId));
  return { view: await guestView(guestCart.get()), conflict: false };
}

/** If-Match with the ETag this page saw; on a 409, read the cart again and apply the change to it once. */
async function writeWithEtag(token: string, method: string, path: string, body?: unknown): Promise<CartChange> {
  try {
    return { view: await write(token, method, path, body), conflict: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    await loadServerCart(token);
    return { view: await write(token, method, path, body), conflict: true };
  }
}

async function write(token: string, method: string, path: string, body: unknown): Promise<CartView> {
  const headers: Record<string, string> = serverEtag ? { 'if-match': serverEtag } : {};
  const answer = await request<CartView>(method, path, { token, body, headers });
  return keep(answer.data, answer.etag);
}

/**
 * At login, before the session starts: the guest's lines join the customer's cart on the server and
 * leave this browser. If that fails they stay here, and the next login tries again.
 */
export async function mergeGuestCart(token: string): Promise<void> {
  const lines = guestCart.get();
  if (lines.length === 0) return;
  const items = lines.map((line) => ({ productId: line.productId, quantity: Math.min(line.quantity, MAX_QUANTITY) }));
  const answer = await request<CartView>('POST', '/api/cart/merge', { token, body: { items } });
  guestCart.set([]);
  keep(answer.data, answer.etag);
}

/** A guest's cart shown like the server's: each product read again for its price and stock now. */
async function guestView(lines: GuestLine[]): Promise<CartView> {
  const products = await Promise.all(lines.map((line) => productOrUndefined(line.productId)));
  const cartLines = lines.map((line, i) => guestLineView(line, products[i]));
  const available = cartLines.filter((line) => line.available);
  return {
    lines: cartLines,
    totals: {
      lineCount: cartLines.length,
      itemCount: cartLines.reduce((sum, line) => sum + line.quantity, 0),
      totalIdr: available.reduce((sum, line) => sum + line.lineTotalIdr, 0),
      unavailableLineCount: cartLines.length - available.length,
    },
    updatedAt: null,
  };
}

async function productOrUndefined(productId: string): Promise<ProductResponse | undefined> {
  try {
    return (await request<ProductResponse>('GET', `/api/products/${encodeURIComponent(productId)}`)).data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

function guestLineView(line: GuestLine, product: ProductResponse | undefined): CartLine {
  const unitPriceIdr = product?.price.amount ?? line.unitPriceIdr;
  return {
    productId: line.productId,
    quantity: line.quantity,
    name: product?.name ?? line.name,
    sku: product?.sku ?? '',
    imageUrl: product?.images[0] ?? null,
    unitPriceIdr,
    addedUnitPriceIdr: line.unitPriceIdr,
    priceChanged: unitPriceIdr !== line.unitPriceIdr,
    stock: product?.stock ?? 0,
    available: product !== undefined && product.active && product.stock >= line.quantity,
    lineTotalIdr: unitPriceIdr * line.quantity,
  };
}

function fieldProblem(field: string, message: string): ApiError {
  return new ApiError(400, 'Bad Request', message, [{ field, message }]);
}
