import { CUSTOMER_ID_HEADER, Id, SearchProductsQuery, SuggestQuery } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Request } from 'express';
import type { CatalogSearch } from '../domain/search-products.ts';

export function searchRoutes(catalog: CatalogSearch): express.Router {
  const router = express.Router();
  router.get('/search', async (req, res) => {
    const query = parseInput(SearchProductsQuery, withAttributeFilters(req.query), 'query');
    res.json(await catalog.search(query, customerIdOf(req)));
  });
  router.get('/suggest', async (req, res) => {
    res.json(await catalog.suggest(parseInput(SuggestQuery, req.query, 'query')));
  });
  return router;
}

/** `attr.brand=Acme` arrives as the key "attr.brand": gather those under `attr`, beside any `attr[brand]`. */
export function withAttributeFilters(query: Record<string, unknown>): Record<string, unknown> {
  const isDotted = (key: string) => key.startsWith('attr.');
  const dotted = Object.entries(query).filter(([key]) => isDotted(key));
  const nested = query.attr ?? {};
  // Nothing to gather, or an `attr` that is not an object: leave it for validation to report.
  if (dotted.length === 0 || typeof nested !== 'object' || Array.isArray(nested)) return query;
  const rest = Object.fromEntries(Object.entries(query).filter(([key]) => !isDotted(key)));
  const gathered = Object.fromEntries(dotted.map(([key, value]) => [key.slice('attr.'.length), value]));
  return { ...rest, attr: { ...nested, ...gathered } };
}

/** Set by the gateway from a verified token; anything else means an anonymous search. */
function customerIdOf(req: Request): string | null {
  const parsed = Id.safeParse(req.headers[CUSTOMER_ID_HEADER]);
  return parsed.success ? parsed.data : null;
}
