import { randomUUID } from 'node:crypto';
import type { CartView, LoginResponse, ProductResponse, SearchProductsResponse } from '@pasar/contracts';
import { eventually, stackValue, systemAppAuth } from '@pasar/testing';
import { expect } from 'vitest';
import { GATEWAY } from './browser.ts';

/** Product administration is not public: the tests stock the shop on the product service itself. */
const PRODUCT_APP = 'http://127.0.0.1:3002';

/** A word no other test uses, of letters only, so a search for it finds this test's products alone. */
export function uniqueWord(): string {
  return Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

export interface NewProduct {
  name: string;
  category: 'electronics' | 'fashion' | 'food' | 'books';
  price: number;
  stock: number;
  attributes: Record<string, string | number | boolean>;
}

export const phone = (name: string, brand: string, price: number, stock = 10): NewProduct => ({
  name,
  category: 'electronics',
  price,
  stock,
  attributes: { brand, warrantyMonths: 12 },
});

/** Creates products and waits until a search for `word` finds them all (the catalog follows product-changed). */
export async function stockProducts(word: string, products: NewProduct[]): Promise<ProductResponse[]> {
  const created: ProductResponse[] = [];
  for (const product of products) {
    const response = await fetch(`${PRODUCT_APP}/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...systemAppAuth() },
      body: JSON.stringify({ ...product, sku: `WEB-${randomUUID().slice(0, 12)}`, price: { amount: product.price, currency: 'IDR' } }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    created.push((await response.json()) as ProductResponse);
  }
  await eventually(
    async () => {
      const found = (await (await fetch(`${GATEWAY}/api/catalog/search?q=${word}&size=50`)).json()) as SearchProductsResponse;
      expect(found.items.map((item) => item.id).sort()).toEqual(created.map((product) => product.id).sort());
    },
    { timeoutMs: 30_000, intervalMs: 300 },
  );
  return created;
}

export async function productStock(id: string): Promise<number> {
  return ((await (await fetch(`${GATEWAY}/api/products/${id}`)).json()) as ProductResponse).stock;
}

export const PASSWORD = 'sangat-rahasia-123';

export function newEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A customer registered and logged in through the public API, for tests that start logged in. */
export async function registeredCustomer(label: string, locale: 'id' | 'en' = 'id'): Promise<{ email: string; session: LoginResponse }> {
  const email = newEmail(label);
  const post = (path: string, body: unknown) =>
    fetch(GATEWAY + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect((await post('/api/customers', { email, name: 'Sari', password: PASSWORD, locale })).status).toBe(201);
  const login = await post('/api/customers/login', { email, password: PASSWORD });
  expect(login.status).toBe(200);
  return { email, session: (await login.json()) as LoginResponse };
}

export async function addToServerCart(token: string, productId: string, quantity: number): Promise<CartView> {
  const response = await fetch(`${GATEWAY}/api/cart/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ productId, quantity }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as CartView;
}

export async function serverCart(token: string): Promise<CartView> {
  return (await (await fetch(`${GATEWAY}/api/cart`, { headers: { authorization: `Bearer ${token}` } })).json()) as CartView;
}

/** The subjects of the mails Mailpit holds for this address. */
export async function mailSubjects(email: string): Promise<string[]> {
  const answer = await fetch(`${stackValue('MAILPIT_URL')}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`);
  const found = (await answer.json()) as { messages: Array<{ Subject: string }> };
  return found.messages.map((message) => message.Subject);
}
