import { z } from 'zod';
import { AppId } from '../app-ids.ts';
import { Id } from '../common.ts';
import { ProductSnapshot } from '../messages/product.ts';
import { defineRpc, NoBody, NoParams } from './define.ts';

/** "get product" (catalog -> product, order -> product): many products in one call. */
export const getProducts = defineRpc({
  name: 'product.getProducts',
  appId: AppId.product,
  method: 'POST',
  path: '/internal/products/batch',
  params: NoParams,
  body: z.object({ ids: z.array(Id).min(1).max(500) }),
  response: z.object({ products: z.array(ProductSnapshot), missing: z.array(Id) }),
});

/**
 * A page of every product, for the catalog's full reindex, in a stable order (by id). It includes
 * inactive and soft-deleted products (a deleted one comes as `active: false`), so a reindex can drop
 * what is no longer for sale. `getProducts` instead answers a deleted product as missing.
 */
export const listProductPage = defineRpc({
  name: 'product.listProductPage',
  appId: AppId.product,
  method: 'POST',
  path: '/internal/products/page',
  params: NoParams,
  /** `cursor`: the `nextCursor` of the previous page (the id it ended at). No body: the first page of 500. */
  body: z.object({ cursor: Id.nullable().default(null), limit: z.number().int().min(1).max(1000).default(500) }).prefault({}),
  response: z.object({ products: z.array(ProductSnapshot), nextCursor: z.string().nullable() }),
});

export const StockLine = z.object({ productId: Id, quantity: z.number().int().positive() });

/**
 * All-or-nothing, idempotent per order id. 409 when any line lacks stock (or its product is gone or
 * inactive): the problem's `errors` name that line (`items.<n>.productId`) and no stock is kept.
 * Lines of the same product are added together. 503 while another request is still working on the
 * same order (retry: the answer is then the outcome of that work).
 */
export const reserveStock = defineRpc({
  name: 'product.reserveStock',
  appId: AppId.product,
  method: 'POST',
  path: '/internal/stock/reservations',
  params: NoParams,
  body: z.object({ orderId: Id, items: z.array(StockLine).min(1) }),
  response: z.object({ orderId: Id, status: z.literal('RESERVED') }),
});

/**
 * Idempotent: releasing twice, or releasing what was never reserved, changes nothing. An order
 * released before it was reserved can no longer be reserved (a late reservation gets 409).
 */
export const releaseStock = defineRpc({
  name: 'product.releaseStock',
  appId: AppId.product,
  method: 'POST',
  path: '/internal/stock/reservations/:orderId/release',
  params: z.object({ orderId: Id }),
  body: NoBody,
  response: z.object({ orderId: Id, status: z.literal('RELEASED') }),
});
