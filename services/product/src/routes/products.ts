import { actorOf, type AuditTrail } from '@pasar/audit';
import { CreateProductRequest, Id, ListProductsQuery, UpdateProductRequest } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import { productAudit } from '../domain/product-audit.ts';
import type { Products } from '../domain/products.ts';

export const ProductParams = z.object({ id: Id });

/**
 * The product endpoints, reached through the gateway: reads publicly, writes on its staff route
 * (/api/admin/products), each write recorded in the audit trail once it has succeeded.
 */
export function productRoutes(products: Products, trail: AuditTrail): Router {
  const router = Router();

  router.post('/products', async (req, res) => {
    const product = await products.create(parseInput(CreateProductRequest, req.body, 'body'));
    await trail.record(actorOf(req), productAudit.created(product));
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
    const patch = parseInput(UpdateProductRequest, req.body, 'body');
    const product = await products.update(id, patch);
    await trail.record(actorOf(req), productAudit.updated(id, patch));
    res.json(product);
  });

  router.delete('/products/:id', async (req, res) => {
    const { id } = parseInput(ProductParams, req.params, 'params');
    await products.remove(id);
    await trail.record(actorOf(req), productAudit.deleted(id));
    res.status(204).end();
  });

  return router;
}
