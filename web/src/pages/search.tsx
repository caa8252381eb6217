import type { ProductCategory, SearchProductsResponse } from '@pasar/contracts';
import { useEffect, useState } from 'preact/hooks';
import { get } from '../api.ts';
import { attributeLabels, loadCategories } from '../categories.ts';
import { formatPriceRange } from '../format.ts';
import { attributeLabel, categoryLabel, useT, type Dictionary } from '../i18n.ts';
import { navigate, useLocation } from '../router.ts';
import { currentToken } from '../session.ts';
import { correctedQuery } from '../typos.ts';
import { useAsync } from '../use-async.ts';
import { ErrorNotice, Loading, Price, ProductImage, StockBadge } from '../components/ui.tsx';

const PAGE_SIZE = 20;
const MAX_WINDOW = 10_000;
/** The search page's address carries exactly the API's query: these keys, and `attr.<name>`. */
const SEARCH_KEYS = new Set(['q', 'category', 'minPrice', 'maxPrice', 'inStock', 'sort', 'page']);

export function apiQueryOf(query: URLSearchParams): URLSearchParams {
  const api = new URLSearchParams();
  for (const [key, value] of query) if (SEARCH_KEYS.has(key) || key.startsWith('attr.')) api.append(key, value);
  api.set('size', String(PAGE_SIZE));
  return api;
}

export function SearchPage() {
  const t = useT();
  const { query } = useLocation();
  const apiQuery = apiQueryOf(query).toString();
  // The answer keeps the query it answers: a page showing older results says so (data-query).
  const results = useAsync(
    async () => ({ query: apiQuery, answer: await get<SearchProductsResponse>(`/api/catalog/search?${apiQuery}`, currentToken()) }),
    [apiQuery],
  );
  const [categories, setCategories] = useState<ProductCategory[]>([]);
  useEffect(() => void loadCategories().then(setCategories, () => undefined), []);
  const q = query.get('q') ?? '';
  useEffect(() => {
    document.title = q ? `${q} · Pasar` : 'Pasar';
  }, [q]);

  const data = results.data?.answer;
  return (
    <div class="search-page">
      <h1>{q ? t.resultsFor(q) : t.allProducts}</h1>
      <ErrorNotice error={results.error} onRetry={results.reload} />
      {data && (
        <div class="search-layout">
          <Filters data={data} categories={categories} query={query} />
          <div class="results" aria-busy={results.loading ? 'true' : 'false'} data-query={results.data?.query}>
            <div class="results-bar">
              <p role="status" class="result-count">
                {t.resultCount(data.total)}
              </p>
              <SortSelect query={query} />
            </div>
            <TypoNotice q={q} data={data} />
            {data.pricesMayBeStale && <p class="notice">{t.pricesStale}</p>}
            {data.items.length === 0 ? <p class="empty">{t.noResults}</p> : <ResultList data={data} />}
            <Pager data={data} query={query} />
          </div>
        </div>
      )}
      {!data && results.loading && <Loading />}
    </div>
  );
}

function ResultList({ data }: { data: SearchProductsResponse }) {
  return (
    <ul class="result-list" aria-label={useT().searchResults}>
      {data.items.map((item) => (
        <li key={item.id} class="result">
          <ProductImage src={item.images[0]} name={item.name} />
          <div>
            <h2 class="result-name">
              <a href={`/product/${item.id}`}>{item.name}</a>
            </h2>
            <Price money={item.price} /> <StockBadge stock={item.stock} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Fuzzy matching, made visible: what the results matched instead of the word typed. */
function TypoNotice({ q, data }: { q: string; data: SearchProductsResponse }) {
  const t = useT();
  const texts = data.items.flatMap((item) => [
    item.name,
    ...Object.values(item.attributes).filter((v): v is string => typeof v === 'string'),
  ]);
  const corrected = q && data.items.length > 0 ? correctedQuery(q, texts) : undefined;
  return corrected ? <p class="notice typo-notice">{t.typoNotice(q, corrected)}</p> : null;
}

function withParam(query: URLSearchParams, change: (next: URLSearchParams) => void): string {
  const next = new URLSearchParams(query);
  next.delete('page');
  change(next);
  const search = next.toString();
  return search ? `/?${search}` : '/';
}

function toggled(query: URLSearchParams, key: string, value: string): string {
  return withParam(query, (next) => {
    const values = next.getAll(key);
    next.delete(key);
    for (const v of values.includes(value) ? values.filter((v) => v !== value) : [...values, value]) next.append(key, v);
  });
}

function Filters({ data, categories, query }: { data: SearchProductsResponse; categories: ProductCategory[]; query: URLSearchParams }) {
  const t = useT();
  const labels = attributeLabels(categories);
  const categoryLabels = Object.fromEntries(categories.map((c) => [c.name, c.label]));
  const hasFilters = [...query.keys()].some((key) => key !== 'q' && key !== 'sort');
  return (
    <details class="filters" open={!matchMedia('(max-width: 40rem)').matches}>
      <summary>{t.filters}</summary>
      <CheckboxGroup
        legend={t.category}
        name="category"
        values={data.facets.categories.map((c) => ({
          value: c.value,
          count: c.count,
          label: categoryLabel(t, c.value, categoryLabels[c.value]),
        }))}
        query={query}
      />
      <PriceFilter data={data} query={query} />
      {data.facets.attributes.map((facet) => (
        <CheckboxGroup
          key={facet.name}
          legend={attributeLabel(t, facet.name, labels[facet.name])}
          name={`attr.${facet.name}`}
          values={facet.values.map((v) => ({ value: v.value, count: v.count, label: attributeValueLabel(t, v.value) }))}
          query={query}
        />
      ))}
      <div class="check">
        <input
          id="filter-in-stock"
          type="checkbox"
          checked={query.get('inStock') === 'true'}
          onChange={(event) =>
            navigate(withParam(query, (next) => (event.currentTarget.checked ? next.set('inStock', 'true') : next.delete('inStock'))))
          }
        />
        <label for="filter-in-stock">{t.inStockOnly}</label>
      </div>
      {hasFilters && (
        <a
          href={withParam(query, (next) => {
            for (const key of [...next.keys()]) if (key !== 'q' && key !== 'sort') next.delete(key);
          })}
        >
          {t.clearFilters}
        </a>
      )}
    </details>
  );
}

function attributeValueLabel(t: Dictionary, value: string): string {
  if (value === 'true') return t.yes;
  if (value === 'false') return t.no;
  return value;
}

function slug(text: string): string {
  return text.replace(/[^a-zA-Z0-9]+/g, '-');
}

function CheckboxGroup({
  legend,
  name,
  values,
  query,
}: {
  legend: string;
  name: string;
  values: Array<{ value: string; count: number; label: string }>;
  query: URLSearchParams;
}) {
  if (values.length === 0) return null;
  const chosen = query.getAll(name);
  return (
    <fieldset class="facet">
      <legend>{legend}</legend>
      {values.map((v) => {
        const id = `facet-${slug(name)}-${slug(v.value)}`;
        return (
          <div class="check" key={v.value}>
            <input id={id} type="checkbox" checked={chosen.includes(v.value)} onChange={() => navigate(toggled(query, name, v.value))} />
            <label for={id}>
              {v.label} <span class="count">({v.count})</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function PriceFilter({ data, query }: { data: SearchProductsResponse; query: URLSearchParams }) {
  const t = useT();
  const buckets = data.facets.priceRanges.filter((bucket) => bucket.count > 0 || isChosen(query, bucket.from, bucket.to));
  if (buckets.length === 0) return null;
  const choose = (from: number | null, to: number | null) =>
    navigate(
      withParam(query, (next) => {
        next.delete('minPrice');
        next.delete('maxPrice');
        if (from !== null) next.set('minPrice', String(from));
        if (to !== null) next.set('maxPrice', String(to - 1));
      }),
    );
  const anyChosen = !query.has('minPrice') && !query.has('maxPrice');
  return (
    <fieldset class="facet">
      <legend>{t.price}</legend>
      <div class="check">
        <input id="price-any" type="radio" name="price" checked={anyChosen} onChange={() => choose(null, null)} />
        <label for="price-any">{t.anyPrice}</label>
      </div>
      {buckets.map((bucket) => {
        const id = `price-${bucket.from ?? 'min'}-${bucket.to ?? 'max'}`;
        return (
          <div class="check" key={id}>
            <input
              id={id}
              type="radio"
              name="price"
              checked={isChosen(query, bucket.from, bucket.to)}
              onChange={() => choose(bucket.from, bucket.to)}
            />
            <label for={id}>
              {formatPriceRange(bucket.from, bucket.to)} <span class="count">({bucket.count})</span>
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function isChosen(query: URLSearchParams, from: number | null, to: number | null): boolean {
  return query.get('minPrice') === (from === null ? null : String(from)) && query.get('maxPrice') === (to === null ? null : String(to - 1));
}

function SortSelect({ query }: { query: URLSearchParams }) {
  const t = useT();
  return (
    <div class="sort">
      <label for="sort">{t.sortBy}</label>
      <select
        id="sort"
        value={query.get('sort') ?? 'relevance'}
        onChange={(event) => navigate(withParam(query, (next) => next.set('sort', event.currentTarget.value)))}
      >
        {Object.entries(t.sorts).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Pager({ data, query }: { data: SearchProductsResponse; query: URLSearchParams }) {
  const t = useT();
  const pages = Math.min(Math.ceil(data.total / data.size), Math.floor(MAX_WINDOW / data.size));
  if (pages <= 1) return null;
  const pageUrl = (page: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(page));
    return `/?${next}`;
  };
  return (
    <nav class="pager" aria-label={t.pagination}>
      {data.page > 1 ? (
        <a href={pageUrl(data.page - 1)} rel="prev">
          {t.previous}
        </a>
      ) : (
        <span />
      )}
      <span>{t.pageOf(data.page, pages)}</span>
      {data.page < pages ? (
        <a href={pageUrl(data.page + 1)} rel="next">
          {t.next}
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
