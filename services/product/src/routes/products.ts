import { CreateProductRequest, Id, ListProductsQuery, UpdateProductRequest } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import type { Products } from '../domain/products.ts';

export const ProductParams = z.object({ id: Id });

/** The public product endpoints (reached through the gateway). */
export function productRoutes(products: Products): Router {
  const router = Router();

  router.post('/products', async (req, res) => {
    const product = await products.create(parseInput(CreateProductRequest, req.body, 'body'));
    res.status(201).location(`/products/${product.id}`).json(product);
  });

  router.get('/products', async (req, res) => {
    res.json(await products.list(parseInput(ListProductsQuery, req.query, 'query')));
  });

  router.get('/products/:id', async (req, res) => {
    const { id } = parseInput(ProductParams, req.params, 'params');
    res.json(await products.get(id));
  });

  router.patch('/products/:id', async (req, res) => {
    const { id } = parseInput(ProductParams, req.params, 'params');
    res.json(await products.update(id, parseInput(UpdateProductRequest, req.body, 'body')));
  });

  router.delete('/products/:id', async (req, res) => {
    const { id } = parseInput(ProductParams, req.params, 'params');
    await products.remove(id);
    res.status(204).end();
  });

  return router;
}
