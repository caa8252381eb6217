import { describe, expect, it } from 'vitest';
import { resolveRoute, upstreamOf } from '../../src/domain/route-table.ts';

const customerId = '0b9c5c1e-8f52-4a8e-9a39-2f7f1d3c6a11';

function upstream(method: string, path: string, caller: string | undefined) {
  const resolution = resolveRoute(method, path);
  if (resolution.kind !== 'route') throw new Error(`${method} ${path}: ${resolution.kind}`);
  return upstreamOf(resolution, method, caller);
}

describe('the route table', () => {
  it.each([
    ['GET', '/api/catalog/search', 'catalog', '/search', 'public'],
    ['GET', '/api/catalog/suggest', 'catalog', '/suggest', 'public'],
    ['GET', '/api/categories', 'product', '/categories', 'public'],
    ['GET', '/api/products', 'product', '/products', 'public'],
    ['GET', '/api/products/abc', 'product', '/products/abc', 'public'],
    ['POST', '/api/customers', 'customer', '/customers', 'public'],
    ['POST', '/api/customers/login', 'customer', '/customers/login', 'public'],
    ['GET', '/api/customers/me', 'customer', '/customers/me', 'customer'],
    ['DELETE', '/api/customers/me/addresses/x', 'customer', '/customers/me/addresses/x', 'customer'],
    ['POST', '/api/orders', 'order', '/orders', 'customer'],
    ['GET', '/api/orders/o1', 'order', '/orders/o1', 'customer'],
    ['GET', '/api/activity/me/timeline', 'activity', `/activity/customers/${customerId}/timeline`, 'customer'],
  ])('%s %s goes to %s %s (%s)', (method, path, appId, servicePath, access) => {
    expect(upstream(method, path, customerId)).toEqual({ appId, path: servicePath, access });
  });

  it('asks for the access before the caller is known, as the proxy does', () => {
    expect(upstream('GET', '/api/activity/me/timeline', undefined)).toMatchObject({ access: 'customer', path: '/activity/customers/undefined/timeline' });
  });

  it.each([
    ['GET', '/api/catalog/reindex'],
    ['GET', '/api/nowhere'],
    ['GET', '/internal/products/batch'],
    ['GET', '/api/products/../internal/products/batch'],
    ['GET', '/api/products/%2e%2e/internal'],
    ['GET', '/api/productsx'],
  ])('%s %s is not routed', (method, path) => {
    expect(resolveRoute(method, path)).toEqual({ kind: 'no-route' });
  });

  it('refuses methods a route does not expose, naming those it does', () => {
    expect(resolveRoute('POST', '/api/products')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'HEAD'] });
    expect(resolveRoute('DELETE', '/api/activity/me/timeline')).toMatchObject({ kind: 'method-not-allowed' });
  });
});
