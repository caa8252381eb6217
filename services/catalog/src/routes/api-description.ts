import { auditOperation } from '@pasar/audit';
import { ReindexStatus, SEARCH_RULES, SearchProductsQuery, SearchProductsResponse, SuggestQuery, SuggestResponse } from '@pasar/contracts';
import type { ApiDescription, ApiResponse } from '@pasar/service-kit';

const searchDown: Record<number, ApiResponse> = { 503: { description: 'Elasticsearch is unavailable' } };

/** What the catalog service answers, with the schemas its routes parse with. */
export const catalogApi: ApiDescription = {
  title: 'catalog',
  version: '1.0.0',
  operations: [
    {
      method: 'GET',
      path: '/search',
      summary: 'Search products: full text, filters (`attr[brand]=..`), facets, paging',
      description: SEARCH_RULES,
      tags: ['catalog'],
      query: SearchProductsQuery,
      responses: { 200: { description: 'A page of hits with facets', schema: SearchProductsResponse }, ...searchDown },
    },
    {
      method: 'GET',
      path: '/suggest',
      summary: 'Suggestions as the customer types',
      tags: ['catalog'],
      query: SuggestQuery,
      responses: { 200: { description: 'Suggestions', schema: SuggestResponse }, ...searchDown },
    },
    {
      method: 'POST',
      path: '/reindex',
      summary: 'Rebuild the index from the product service (administration)',
      tags: ['catalog administration'],
      responses: { 202: { description: 'Started', schema: ReindexStatus }, 409: { description: 'A reindex is already running' } },
    },
    {
      method: 'GET',
      path: '/reindex',
      summary: "This instance's last reindex",
      tags: ['catalog administration'],
      responses: { 200: { description: 'Its status', schema: ReindexStatus } },
    },
    auditOperation(searchDown),
  ],
};
