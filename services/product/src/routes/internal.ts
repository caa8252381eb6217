import { getProducts, listProductPage, releaseStock, reserveStock } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import { Router } from 'express';
import type { z } from 'zod';
import type { Products } from '../domain/products.ts';
import type { StockReservations } from '../domain/reservations.ts';

type ResponseOf<C extends { response: z.ZodType }> = z.infer<C['response']>;

/** The RPCs of packages/contracts/src/rpc/product.ts, for other apps (through Dapr service invocation). */
export function internalRoutes(products: Products, reservations: StockReservations): Router {
  const router = Router();

  router.post(getProducts.path, async (req, res) => {
    const { ids } = parseInput(getProducts.body, req.body, 'body');
    const body: ResponseOf<typeof getProducts> = await products.getMany(ids);
    res.json(body);
  });

  router.post(listProductPage.path, async (req, res) => {
    const { cursor, limit } = parseInput(listProductPage.body, req.body, 'body');
    const body: ResponseOf<typeof listProductPage> = await products.page(cursor, limit);
    res.json(body);
  });

  router.post(reserveStock.path, async (req, res) => {
    const { orderId, items } = parseInput(reserveStock.body, req.body, 'body');
    await reservations.reserve(orderId, items);
    const body: ResponseOf<typeof reserveStock> = { orderId, status: 'RESERVED' };
    res.json(body);
  });

  router.post(releaseStock.path, async (req, res) => {
    const { orderId } = parseInput(releaseStock.params, req.params, 'params');
    await reservations.release(orderId);
    const body: ResponseOf<typeof releaseStock> = { orderId, status: 'RELEASED' };
    res.json(body);
  });

  return router;
}
