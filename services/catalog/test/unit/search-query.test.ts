import { SearchProductsQuery } from '@pasar/contracts';
import { parseInput, type AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { completionRequestOf, edgeNgramSuggestRequestOf, pageOf, searchRequestOf } from '../../src/data-access/search-query.ts';
import { productIndexSettings, productMappings } from '../../src/data-access/index-mapping.ts';
import { withAttributeFilters } from '../../src/routes/search.ts';

const parse = (query: Record<string, unknown>) => parseInput(SearchProductsQuery, withAttributeFilters(query), 'query');
const problemOf = (query: Record<string, unknown>) => {
  try {
    parse(query);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a 400');
};

describe('the search query string', () => {
  it('when attributes come as attr.brand=Acme, then they are gathered under attr', () => {
    expect(parse({ 'attr.brand': 'Acme', 'attr.origin': ['Aceh', 'Toraja'], q: 'kopi' })).toMatchObject({
      q: 'kopi',
      attr: { brand: ['Acme'], origin: ['Aceh', 'Toraja'] },
    });
    expect(parse({ attr: { brand: 'Acme' } }).attr).toEqual({ brand: ['Acme'] });
  });

  it('has defaults: relevance, first page of 20', () => {
    expect(parse({})).toMatchObject({ sort: 'relevance', size: 20 });
    expect(pageOf(parse({}))).toEqual({ from: 0, size: 20, page: 1 });
    expect(pageOf(parse({ page: '3', size: '10' }))).toEqual({ from: 20, size: 10, page: 3 });
  });

  it.each([
    [{ size: '101' }, 'query.size'],
    [{ size: '0' }, 'query.size'],
    [{ minPrice: 'murah' }, 'query.minPrice'],
    [{ inStock: 'maybe' }, 'query.inStock'],
    [{ inStock: 'TRUE' }, 'query.inStock'],
    [{ sort: 'cheapest' }, 'query.sort'],
    [{ q: 'x'.repeat(201) }, 'query.q'],
    [{ category: ['a', ''] }, 'query.category.1'],
    [{ category: '  ' }, 'query.category'],
  ])('when the query is %o, then a 400 names %s', (query, field) => {
    const problem = problemOf(query);

    expect(problem.status).toBe(400);
    expect(problem.fieldErrors?.map((e) => e.field)).toContain(field);
  });

  it.each([
    [{ minPrice: '10', maxPrice: '5' }, 'query.maxPrice'],
    [{ page: '2', from: '10' }, 'query.from'],
    [{ page: '200', size: '100' }, 'query.page'],
  ])('when the query %o breaks a rule only the description states, then a 422 names %s', (query, field) => {
    const problem = problemOf(query);

    expect(problem.status).toBe(422);
    expect(problem.fieldErrors?.map((e) => e.field)).toEqual([field]);
  });

  it('when an unknown parameter is given, then a 400 names it rather than ignoring it', () => {
    expect(problemOf({ minprice: '5' }).fieldErrors?.[0]?.message).toContain('minprice');
  });
});

describe('the Elasticsearch request', () => {
  it('never puts the customer text into query_string syntax', () => {
    const text = 'name:* OR (price:[0 TO 1]) AND "';
    const request = JSON.stringify(searchRequestOf(parse({ q: text }), { priceBuckets: [100] }));

    expect(request).not.toMatch(/query_string/);
    expect(request).toContain(JSON.stringify(text));
  });

  it('only ever finds visible products, and filters exactly what was asked', () => {
    const request = searchRequestOf(parse({ category: 'kopi', minPrice: '1000', inStock: 'true', 'attr.brand': 'Acme' }), {
      priceBuckets: [100],
    });

    expect(request.query?.bool?.filter).toEqual([
      { term: { visible: true } },
      { terms: { 'category.folded': ['kopi'] } },
      { range: { priceAmount: { gte: 1000, lte: undefined } } },
      { term: { inStock: true } },
      { terms: { 'attributePairs.folded': ['brand\u001fAcme'] } },
    ]);
  });

  it('sorts by score only when there is text to score, and always ends on the id', () => {
    expect(searchRequestOf(parse({ q: 'kopi' }), { priceBuckets: [1] }).sort).toEqual([
      '_score',
      { createdAt: { order: 'desc' } },
      { id: { order: 'asc' } },
    ]);
    expect(searchRequestOf(parse({}), { priceBuckets: [1] }).sort).toEqual([{ createdAt: { order: 'desc' } }, { id: { order: 'asc' } }]);
    expect(searchRequestOf(parse({ sort: 'price_desc' }), { priceBuckets: [1] }).sort).toEqual([
      { priceAmount: { order: 'desc' } },
      { id: { order: 'asc' } },
    ]);
  });

  it('buckets prices below, between and above the configured boundaries', () => {
    const aggs = searchRequestOf(parse({}), { priceBuckets: [100, 50] }).aggs;

    expect(aggs?.priceRanges?.range?.ranges).toEqual([{ to: 50 }, { from: 50, to: 100 }, { from: 100 }]);
  });

  it('suggests with the core completion suggester by default, and with edge_ngram only when configured', () => {
    expect(completionRequestOf('kop', 5).suggest).toEqual({
      products: { prefix: 'kop', completion: { field: 'suggest', size: 10, skip_duplicates: true } },
    });
    expect(JSON.stringify(edgeNgramSuggestRequestOf('kop', 5))).toContain('name.autocomplete');
    expect(JSON.stringify(productMappings({ edgeNgramAutocomplete: false }))).not.toContain('autocomplete');
    expect(productIndexSettings({ shards: 1, replicas: 0, edgeNgramAutocomplete: false }).analysis).toBeUndefined();
    expect(productIndexSettings({ shards: 1, replicas: 0, edgeNgramAutocomplete: true }).analysis?.filter).toMatchObject({
      autocomplete_edge: { type: 'edge_ngram' },
    });
  });
});
