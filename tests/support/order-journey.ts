import { randomUUID } from 'node:crypto';
import { OrderView, ProductResponse } from '@pasar/contracts';
import { eventually, type PollOptions } from '@pasar/testing';
import { expect } from 'vitest';

export interface OrderJourney {
  /** The gateway's base URL (the native stack's or compose's published one). */
  gateway: string;
  /** The logged-in customer's authorization header. */
  auth: Record<string, string>;
  /** Product administration is not public: each test makes the product on the product service its own way. */
  createProduct: () => Promise<ProductResponse>;
  quantity: number;
  /** More headers of the order's request (a traceparent). */
  headers?: Record<string, string>;
  /** What happens once the order is placed, before waiting for it to be paid (a broker restart). */
  afterPlacing?: (order: OrderView) => Promise<void>;
  paidWithin: PollOptions;
}

/** The order journey's shared steps: a product is made, ordered through the gateway (201), and the order becomes PAID. */
export async function orderUntilPaid(journey: OrderJourney): Promise<{ product: ProductResponse; order: OrderView }> {
  const { gateway, auth } = journey;
  const product = await journey.createProduct();
  const placed = await fetch(`${gateway}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, 'idempotency-key': randomUUID(), ...journey.headers },
    body: JSON.stringify({ items: [{ productId: product.id, quantity: journey.quantity }] }),
  });
  expect(placed.status).toBe(201);
  const order = OrderView.parse(await placed.json());
  await journey.afterPlacing?.(order);
  await eventually(async () => {
    const current = OrderView.parse(await (await fetch(`${gateway}/api/orders/${order.id}`, { headers: auth })).json());
    expect(current.status).toBe('PAID');
  }, journey.paidWithin);
  return { product, order };
}

/** A food product's fields as the journeys order it: five in stock, a fresh SKU with the given prefix. */
export function aFoodProduct(skuPrefix: string, name: string, amount: number, weightGrams: number) {
  return {
    sku: `${skuPrefix}-${randomUUID().slice(0, 8)}`,
    name,
    category: 'food',
    price: { amount, currency: 'IDR' },
    stock: 5,
    attributes: { weightGrams, expiryDate: '2027-12-31' },
  };
}

/** Creates a product on the product app's own port (product administration is not public through the gateway). */
export async function productCreatedOn(
  productApp: string,
  product: ReturnType<typeof aFoodProduct>,
  appAuth: Record<string, string> = {},
): Promise<ProductResponse> {
  const created = await fetch(`${productApp}/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...appAuth },
    body: JSON.stringify(product),
  });
  expect(created.status).toBe(201);
  return ProductResponse.parse(await created.json());
}
