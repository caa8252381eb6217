import { SearchProductsQuery, SuggestQuery } from '@pasar/contracts';
import { optionalCallerIdOf, parseInput } from '@pasar/service-kit';
import express from 'express';
import type { CatalogSearch } from '../domain/search-products.ts';

export function searchRoutes(catalog: CatalogSearch): express.Router {
  const router = express.Router();
  router.get('/search', async (req, res) => {
    const query = parseInput(SearchProductsQuery, withAttributeFilters(req.query), 'query');
    // Without a customer the gateway vouches for, the search is anonymous.
    res.json(await catalog.search(query, optionalCallerIdOf(req) ?? null));
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
