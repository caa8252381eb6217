import { AppId } from '@pasar/contracts';
import { openApiDocument } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { activityApi } from '../../../activity/src/routes/api-description.ts';
import { catalogApi } from '../../../catalog/src/routes/api-description.ts';
import { customerApi } from '../../../customer/src/routes/api-description.ts';
import { orderApi } from '../../../order/src/routes/api-description.ts';
import { productApi } from '../../../product/src/routes/api-description.ts';
import { gatewayDocument, ServiceDocument, type UpstreamDocument } from '../../src/domain/api-document.ts';
import { cachedFor } from '../../src/routes/openapi.ts';

type Operation = {
  parameters?: Array<{ name: string; in: string }>;
  security?: unknown;
  responses: Record<string, { description: string }>;
  tags?: string[];
};

const documentOf = (api: Parameters<typeof openApiDocument>[0]) => ServiceDocument.parse(openApiDocument(api));
const every: UpstreamDocument[] = [
  { appId: AppId.catalog, document: documentOf(catalogApi) },
  { appId: AppId.product, document: documentOf(productApi) },
  { appId: AppId.customer, document: documentOf(customerApi) },
  { appId: AppId.order, document: documentOf(orderApi) },
  { appId: AppId.activity, document: documentOf(activityApi) },
];
const assembled = gatewayDocument(every, '9.9.9') as ReturnType<typeof gatewayDocument> & {
  paths: Record<string, Record<string, Operation>>;
  components: any;
};
const operation = (path: string, method: string) => assembled.paths[path]![method]!;
const listed = (document: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();

describe("the assembled document, from the services' real descriptions", () => {
  it('lists exactly what the gateway routes, under the public paths', () => {
    expect(listed(assembled)).toEqual([
      'DELETE /api/cart/items/{productId}',
      'DELETE /api/customers/me/addresses/{addressId}',
      'GET /api/activity/me/timeline',
      'GET /api/cart',
      'GET /api/catalog/search',
      'GET /api/catalog/suggest',
      'GET /api/categories',
      'GET /api/customers/me',
      'GET /api/customers/me/addresses',
      'GET /api/orders',
      'GET /api/orders/{orderId}',
      'GET /api/products',
      'GET /api/products/{id}',
      'PATCH /api/cart/items/{productId}',
      'PATCH /api/customers/me',
      'POST /api/cart/items',
      'POST /api/cart/merge',
      'POST /api/customers',
      'POST /api/customers/login',
      'POST /api/customers/me/addresses',
      'POST /api/orders',
      'PUT /api/customers/me/addresses/{addressId}',
    ]);
    expect(assembled.info).toMatchObject({ title: 'Pasar API', version: '9.9.9' });
    expect(assembled['x-pasar-unavailable']).toEqual([]);
  });

  it('asks for a bearer token on protected routes only, and answers 401 there as the gateway does', () => {
    expect(operation('/api/orders', 'post').security).toEqual([{ bearerAuth: [] }]);
    expect(operation('/api/orders', 'post').responses['401']!.description).toBe('A valid bearer token is required');
    expect(operation('/api/products/{id}', 'get').security).toBeUndefined();
    expect(operation('/api/customers/login', 'post').responses['401']!.description).toBe('The email or password is incorrect');
    expect(assembled.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('leaves out what the gateway fills in or does not pass on: the caller, its header', () => {
    const timeline = operation('/api/activity/me/timeline', 'get').parameters!;
    const placeOrder = operation('/api/orders', 'post').parameters!;

    expect(timeline.map((p) => p.name)).toEqual(['from', 'to', 'kinds', 'limit', 'cursor']);
    expect(placeOrder).toEqual([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]);
  });

  it("adds the gateway's own failures and keeps the service's own words where it has them", () => {
    const responses = operation('/api/products/{id}', 'get').responses;

    expect(Object.keys(responses).sort()).toEqual(['200', '400', '404', '429', '502', '503', '504']);
    expect(responses['503']!.description).toBe('The product store cannot be reached');
    expect(operation('/api/categories', 'get').responses['504']!.description).toBe('The service did not answer in time');
  });

  it('keeps the shared ProblemDetails schema every problem refers to', () => {
    expect(assembled.components.schemas.ProblemDetails).toMatchObject({ type: 'object' });
  });
});

describe('when services are missing or odd', () => {
  it('serves the rest and names the missing ones', () => {
    const partial = gatewayDocument(
      [{ appId: AppId.catalog, document: undefined }, ...every.slice(1, 2), { appId: AppId.order, document: undefined }],
      '1',
    );

    expect(listed(partial as never)).toEqual(['GET /api/categories', 'GET /api/products', 'GET /api/products/{id}']);
    expect(partial['x-pasar-unavailable']).toEqual([AppId.catalog, AppId.order]);
    expect((partial.info as { description: string }).description).toContain('catalog, order');
    expect((partial.components as any).schemas.ProblemDetails).toBeDefined();
  });

  it('ignores what is not an operation (path-level keys) and paths of another app', () => {
    const fake: UpstreamDocument = {
      appId: AppId.order,
      document: {
        paths: {
          '/orders': { summary: 'not an operation', parameters: [], get: { responses: {} } },
          '/products/{id}': { get: { responses: {} } },
        },
      },
    };

    expect(listed(gatewayDocument([fake], '1') as never)).toEqual(['GET /api/orders']);
    expect((gatewayDocument([fake], '1').paths as any)['/api/orders'].get.tags).toEqual([AppId.order]);
  });
});

describe('cachedFor', () => {
  it('loads once for concurrent callers, reuses the value for its time to live, then loads again', async () => {
    let time = 0;
    let loads = 0;
    const cached = cachedFor(
      async () => ++loads,
      (value) => (value === 1 ? 1000 : 10),
      () => time,
    );

    expect(await Promise.all([cached(), cached()])).toEqual([1, 1]);
    time = 999;
    expect(await cached()).toBe(1);
    time = 1000;
    expect(await cached()).toBe(2);
    time = 1010;
    expect(await cached()).toBe(3);
  });

  it('tries again at once after a failed load', async () => {
    let calls = 0;
    const cached = cachedFor(
      async () => {
        if (++calls === 1) throw new Error('down');
        return calls;
      },
      () => 1000,
      () => 0,
    );

    await expect(cached()).rejects.toThrow('down');
    expect(await cached()).toBe(2);
  });
});
