import { describe, expect, it } from 'vitest';
import { AppId } from '@pasar/contracts';
import { publicRouteOf, resolveRoute, upstreamApps, upstreamOf } from '../../src/domain/route-table.ts';

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
    ['GET', '/api/cart', 'order', '/cart', 'customer'],
    ['POST', '/api/cart/items', 'order', '/cart/items', 'customer'],
    ['PATCH', '/api/cart/items/p1', 'order', '/cart/items/p1', 'customer'],
    ['DELETE', '/api/cart/items/p1', 'order', '/cart/items/p1', 'customer'],
    ['POST', '/api/cart/merge', 'order', '/cart/merge', 'customer'],
    ['GET', '/api/activity/me/timeline', 'activity', `/activity/customers/${customerId}/timeline`, 'customer'],
    ['GET', '/api/admin/orders', 'order', '/admin/orders', 'staff'],
    ['GET', '/api/admin/orders/o1', 'order', '/admin/orders/o1', 'staff'],
    ['POST', '/api/admin/orders/o1/cancel', 'order', '/admin/orders/o1/cancel', 'staff'],
    ['GET', '/api/admin/audit/products', 'product', '/admin/audit', 'admin'],
    ['GET', '/api/admin/audit/orders', 'order', '/admin/audit', 'admin'],
    ['HEAD', '/api/admin/audit/catalog', 'catalog', '/admin/audit', 'admin'],
  ])('%s %s goes to %s %s (%s)', (method, path, appId, servicePath, access) => {
    expect(upstream(method, path, customerId)).toEqual({ appId, path: servicePath, access });
  });

  it('asks for the access before the caller is known, as the proxy does', () => {
    expect(upstream('GET', '/api/activity/me/timeline', undefined)).toMatchObject({
      access: 'customer',
      path: '/activity/customers/undefined/timeline',
    });
  });

  it.each([
    ['GET', '/api/catalog/reindex'],
    ['GET', '/api/nowhere'],
    ['GET', '/internal/products/batch'],
    ['GET', '/api/products/../internal/products/batch'],
    ['GET', '/api/products/%2e%2e/internal'],
    ['GET', '/api/productsx'],
    ['GET', '/api/cartx'],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin/audit/payments'],
    ['GET', `/api/admin/audit/orders/${customerId}`],
  ])('%s %s is not routed', (method, path) => {
    expect(resolveRoute(method, path)).toEqual({ kind: 'no-route' });
  });

  it('refuses methods a route does not expose, naming those it does', () => {
    expect(resolveRoute('POST', '/api/products')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'HEAD'] });
    expect(resolveRoute('DELETE', '/api/activity/me/timeline')).toMatchObject({ kind: 'method-not-allowed' });
    expect(resolveRoute('PUT', '/api/cart/items/p1')).toMatchObject({ kind: 'method-not-allowed' });
    expect(resolveRoute('DELETE', '/api/admin/orders/o1')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'HEAD', 'POST'] });
    expect(resolveRoute('DELETE', '/api/admin/audit/products')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'HEAD'] });
  });
});

describe('the route table read backwards: where a service path is public', () => {
  it.each([
    [AppId.product, 'GET', '/products/{id}', '/api/products/{id}', 'public'],
    [AppId.product, 'GET', '/categories', '/api/categories', 'public'],
    [AppId.catalog, 'GET', '/search', '/api/catalog/search', 'public'],
    [AppId.customer, 'POST', '/customers/login', '/api/customers/login', 'public'],
    [AppId.customer, 'PUT', '/customers/me/addresses/{addressId}', '/api/customers/me/addresses/{addressId}', 'customer'],
    [AppId.order, 'POST', '/orders', '/api/orders', 'customer'],
    [AppId.order, 'PATCH', '/cart/items/{productId}', '/api/cart/items/{productId}', 'customer'],
  ])('%s %s %s is %s (%s)', (appId, method, servicePath, path, access) => {
    expect(publicRouteOf(appId, method, servicePath)).toEqual({ path, access, filledParams: [] });
  });

  it("maps the caller's own activity back, naming the parameter the gateway fills in", () => {
    expect(publicRouteOf(AppId.activity, 'GET', '/activity/customers/{customerId}/timeline')).toEqual({
      path: '/api/activity/me/timeline',
      access: 'customer',
      filledParams: ['customerId'],
    });
  });

  it.each([
    [AppId.product, 'POST', '/products'],
    [AppId.product, 'POST', '/internal/products/batch'],
    [AppId.catalog, 'POST', '/reindex'],
    [AppId.catalog, 'GET', '/reindex'],
    [AppId.activity, 'GET', '/activity/stats/top-queries'],
    [AppId.order, 'POST', '/internal/orders/{orderId}/payment-status'],
    [AppId.order, 'GET', '/products/{id}'],
    [AppId.order, 'GET', '/admin/orders'],
    [AppId.order, 'GET', '/admin/orders/{orderId}'],
    [AppId.order, 'POST', '/admin/orders/{orderId}/cancel'],
    [AppId.product, 'GET', '/admin/audit'],
    [AppId.order, 'GET', '/admin/audit'],
    [AppId.catalog, 'GET', '/admin/audit'],
  ])('%s %s %s is not public', (appId, method, servicePath) => {
    expect(publicRouteOf(appId, method, servicePath)).toBeUndefined();
  });

  it('agrees with the forward direction for every public route', () => {
    const route = publicRouteOf(AppId.customer, 'DELETE', '/customers/me/addresses/{addressId}')!;
    expect(upstream('DELETE', route.path, customerId)).toMatchObject({
      appId: AppId.customer,
      path: '/customers/me/addresses/{addressId}',
    });
    expect(upstreamApps().sort()).toEqual([AppId.activity, AppId.catalog, AppId.customer, AppId.order, AppId.product].sort());
  });
});
