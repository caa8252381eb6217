/** The shop-shaped load's steps (npm run load): what each kind of shopper sends, and how often. */
import { SEED_CUSTOMERS } from '../../scripts/seed/people.ts';
import type { LoadRequest, LoadStep } from './generator.ts';

export interface Shop {
  productIds: string[];
  names: string[];
  tokens: string[];
}

/** Each step's share of the whole rate. */
const MIX = { browse: 0.4, search: 0.35, cart: 0.1, checkout: 0.05, login: 0.1 };

export function shopSteps(shop: Shop, rate: number): LoadStep[] {
  const share = (name: keyof typeof MIX) => Math.max(1, Math.round(rate * MIX[name]));
  const [cartToken, checkoutToken] = shop.tokens;
  return [
    { name: 'browse', connections: 4, rate: share('browse'), requests: browsing(shop) },
    { name: 'search', connections: 4, rate: share('search'), requests: searching(shop) },
    // One connection per cart: the cart's writes are conditional (ETags), a second writer would be refused.
    { name: 'cart', connections: 1, rate: share('cart'), requests: cartChanges(shop, cartToken!) },
    { name: 'checkout', connections: 1, rate: share('checkout'), requests: checkouts(shop, checkoutToken!) },
    { name: 'login', connections: 2, rate: share('login'), requests: logins() },
  ];
}

function browsing(shop: Shop): LoadRequest[] {
  return [
    { method: 'GET', path: '/api/categories' },
    ...shop.productIds.slice(0, 20).map((id) => ({ method: 'GET', path: `/api/products/${id}` })),
    { method: 'GET', path: '/api/products?limit=20&category=fashion' },
    { method: 'GET', path: '/api/products?limit=20&minPrice=10000&maxPrice=500000' },
  ];
}

function searching(shop: Shop): LoadRequest[] {
  const words = shop.names
    .flatMap((name) => name.split(/\s+/))
    .filter((word) => word.length >= 4)
    .slice(0, 20);
  return words.flatMap((word, i) => [
    { method: 'GET', path: `/api/catalog/search?q=${encodeURIComponent(withTypo(word))}` },
    {
      method: 'GET',
      path: `/api/catalog/search?q=${encodeURIComponent(word)}&inStock=true&sort=price_asc${i % 2 ? '&category=food' : ''}&maxPrice=${(i + 1) * 100_000}`,
    },
    { method: 'GET', path: `/api/catalog/suggest?prefix=${encodeURIComponent(word.slice(0, 3))}` },
  ]);
}

/** Two neighbouring letters swapped, as people type. */
export function withTypo(word: string): string {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at - 1) + word[at] + word[at - 1] + word.slice(at + 1);
}

function cartChanges(shop: Shop, token: string): LoadRequest[] {
  const auth = { authorization: `Bearer ${token}` };
  return shop.productIds.slice(0, 5).flatMap((productId) => [
    { method: 'POST', path: '/api/cart/items', headers: auth, body: { productId, quantity: 1 } },
    { method: 'PATCH', path: `/api/cart/items/${productId}`, headers: auth, body: { quantity: 2 } },
    { method: 'GET', path: '/api/cart', headers: auth },
    { method: 'DELETE', path: `/api/cart/items/${productId}`, headers: auth },
  ]);
}

function checkouts(shop: Shop, token: string): LoadRequest[] {
  const auth = { authorization: `Bearer ${token}` };
  return shop.productIds.slice(5, 10).flatMap((productId) => [
    { method: 'POST', path: '/api/cart/items', headers: auth, body: { productId, quantity: 1 } },
    { method: 'POST', path: '/api/orders', headers: auth, body: { fromCart: true } },
  ]);
}

function logins(): LoadRequest[] {
  return SEED_CUSTOMERS.slice(2).map((customer) => ({
    method: 'POST',
    path: '/api/customers/login',
    body: { email: customer.email, password: customer.password },
  }));
}
