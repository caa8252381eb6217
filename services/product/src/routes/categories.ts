import type { ListCategoriesResponse } from '@pasar/contracts';
import { Router } from 'express';
import type { CategoryCatalog } from '../domain/categories.ts';

export function categoryRoutes(categories: CategoryCatalog): Router {
  const router = Router();
  router.get('/categories', async (_req, res) => {
    const body: ListCategoriesResponse = { categories: await categories.list() };
    res.json(body);
  });
  return router;
}
