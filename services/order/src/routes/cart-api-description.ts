import { AddCartItemRequest, CART_LIMITS, CartItemParams, CartView, MergeCartRequest, UpdateCartItemRequest } from '@pasar/contracts';
import type { ApiOperation, ApiResponse } from '@pasar/service-kit';
import { CartConditionHeaders } from './cart.ts';

const tags = ['cart'];
const cart: ApiResponse = { description: 'The cart, with its ETag header', schema: CartView };
const stateStoreDown: Record<number, ApiResponse> = {
  503: { description: 'The state store (or, to show current prices, the product service) is unavailable' },
};
const conflict = (over: string): Record<number, ApiResponse> => ({
  409: {
    description: `If-Match is not the cart's current ETag (\`errors\` names if-match), the cart kept changing under concurrent writes, or ${over}`,
  },
});
const limits = `at most ${CART_LIMITS.maxQuantityPerLine} per line, ${CART_LIMITS.maxLines} lines`;

/** The cart's operations (routes/cart.ts), part of the order service's description. */
export const cartOperations: ApiOperation[] = [
  {
    method: 'GET',
    path: '/cart',
    summary: "The caller's cart: each line at today's price and stock, and the totals",
    tags,
    caller: true,
    responses: { 200: cart, ...stateStoreDown },
  },
  {
    method: 'POST',
    path: '/cart/items',
    summary: `Add a quantity of a product to the cart (${limits})`,
    tags,
    caller: true,
    headers: CartConditionHeaders,
    body: AddCartItemRequest,
    responses: {
      200: cart,
      ...conflict('the line (`quantity`) or the cart (`productId`) would go over its limit'),
      422: { description: 'No such product, or it is not for sale (`errors` names productId)' },
      ...stateStoreDown,
    },
  },
  {
    method: 'PATCH',
    path: '/cart/items/:productId',
    summary: "Set a line's quantity",
    tags,
    caller: true,
    params: CartItemParams,
    headers: CartConditionHeaders,
    body: UpdateCartItemRequest,
    responses: { 200: cart, 404: { description: 'The product is not in the cart' }, ...conflict('nothing else'), ...stateStoreDown },
  },
  {
    method: 'DELETE',
    path: '/cart/items/:productId',
    summary: 'Remove a line (a product not in the cart: the cart as it is)',
    tags,
    caller: true,
    params: CartItemParams,
    headers: CartConditionHeaders,
    responses: { 200: cart, ...conflict('nothing else'), ...stateStoreDown },
  },
  {
    method: 'POST',
    path: '/cart/merge',
    summary: `Merge a guest cart in at login: quantities add up, capped at ${CART_LIMITS.maxQuantityPerLine}; products not for sale are left out`,
    tags,
    caller: true,
    headers: CartConditionHeaders,
    body: MergeCartRequest,
    responses: {
      200: cart,
      ...conflict(`the merged cart would hold more than ${CART_LIMITS.maxLines} lines (\`errors\` names items)`),
      ...stateStoreDown,
    },
  },
];
