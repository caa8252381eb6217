import { getProducts, listProductPage, type ProductSnapshot } from '@pasar/contracts';
import { createServiceApp, parseInput, sidecarCheck, type BuiltService, type ServiceDeps } from '@pasar/service-kit';
import express from 'express';

/**
 * A peer app standing in for the product service (still being written) under AppId.product: it
 * answers the getProducts and listProductPage contracts from an in-memory list that the test edits.
 */
export class StandInProducts {
  readonly products = new Map<string, ProductSnapshot>();
  readonly calls = { getProducts: 0, listProductPage: 0 };

  constructor(initial: ProductSnapshot[] = []) {
    for (const product of initial) this.put(product);
  }

  put(product: ProductSnapshot): ProductSnapshot {
    this.products.set(product.id, product);
    return product;
  }

  /** The product app as startAppWithSidecar builds it. */
  readonly build = ({ logger, dapr }: ServiceDeps): BuiltService => {
    const routes = express.Router();
    routes.post(getProducts.path, (req, res) => {
      const { ids } = parseInput(getProducts.body, req.body, 'body');
      this.calls.getProducts++;
      const found = ids.flatMap((id) => this.products.get(id) ?? []);
      res.json({ products: found, missing: ids.filter((id) => !this.products.has(id)) });
    });
    routes.post(listProductPage.path, (req, res) => {
      const { cursor, limit } = parseInput(listProductPage.body, req.body, 'body');
      this.calls.listProductPage++;
      const sorted = [...this.products.values()].sort((a, b) => a.id.localeCompare(b.id));
      const page = sorted.filter((p) => cursor === null || p.id > cursor).slice(0, limit);
      const last = page.at(-1);
      res.json({ products: page, nextCursor: page.length === limit && last && last.id !== sorted.at(-1)?.id ? last.id : null });
    });
    return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
  };
}
