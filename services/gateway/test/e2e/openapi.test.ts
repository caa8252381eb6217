import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { AppId } from '@pasar/contracts';
import {
  aLoopbackClientAddress,
  createScratchSchema,
  fetchFrom,
  isolatedNameResolution,
  ownMongoDatabase,
  stackValue,
  startAppWithSidecar,
  unimplementedOperations,
  type AppUnderTest,
  type OpenApiLike,
  type ScratchSchema,
} from '@pasar/testing';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService as buildCustomer } from '../../../customer/src/app.ts';
import { Config as CustomerConfig } from '../../../customer/src/config.ts';
import { buildService as buildOrder } from '../../../order/src/app.ts';
import { Config as OrderConfig } from '../../../order/src/config.ts';
import { buildService as buildProduct } from '../../../product/src/app.ts';
import { Config as ProductConfig } from '../../../product/src/config.ts';
import { buildService } from '../../src/app.ts';
import { Config } from '../../src/config.ts';

/**
 * The gateway beside the real product, customer and order apps (each on a store of its own), each
 * beside a real daprd; catalog and activity are not running, so the document must say they are missing.
 */
const secret = 'an-openapi-test-secret-at-least-32-characters';
const nameResolutionDb = isolatedNameResolution();
const productStore = ownMongoDatabase('product_openapi');
const apps: AppUnderTest[] = [];
const schemas: ScratchSchema[] = [];
let gateway: string;
let bearer: Record<string, string>;

type Operation = { parameters?: Array<{ name: string; in: string; required: boolean }>; requestBody?: any; security?: unknown };
type Document = OpenApiLike & { paths: Record<string, Record<string, Operation>>; 'x-pasar-unavailable': string[] };

beforeAll(async () => {
  // One at a time: the admin statements of two scratch schemas touch the same catalog rows.
  const customerSchema = await createScratchSchema('customer_openapi');
  const orderSchema = await createScratchSchema('ordering_openapi');
  schemas.push(customerSchema, orderSchema);
  const start = (appId: string, build: Parameters<typeof startAppWithSidecar>[0]['build']) =>
    startAppWithSidecar({ appId, broker: 'redis', nameResolutionDb, build });
  apps.push(
    await start(AppId.product, (deps) =>
      buildProduct(
        ProductConfig.parse({ APP_PORT: '0', MONGODB_URL: stackValue('MONGODB_URL'), MONGODB_DATABASE: productStore.name }),
        deps,
      ),
    ),
    await start(AppId.customer, (deps) =>
      buildCustomer(CustomerConfig.parse({ APP_PORT: '0', JWT_SECRET: secret, DATABASE_URL: customerSchema.url }), deps),
    ),
    await start(AppId.order, (deps) => buildOrder(OrderConfig.parse({ APP_PORT: '0', DATABASE_URL: orderSchema.url }), deps)),
  );
  const app = await start(AppId.gateway, (deps) =>
    buildService(
      Config.parse({
        APP_PORT: '0',
        JWT_SECRET: secret,
        UPSTREAM_TIMEOUT_MS: '3000',
        RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'),
      }),
      deps,
    ),
  );
  apps.push(app);
  gateway = app.appUrl;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(randomUUID())
    .setIssuer('pasar')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
  bearer = { authorization: `Bearer ${token}` };
});

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await productStore.drop();
  for (const schema of schemas) await schema.drop();
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${nameResolutionDb}${suffix}`, { force: true })));
});

const fetchDocument = async (): Promise<Document> => {
  const response = await fetch(`${gateway}/openapi.json`);
  expect(response.status).toBe(200);
  return (await response.json()) as Document;
};

describe('GET /openapi.json on the gateway', () => {
  it('lists the public operations of the running services under their public paths, and no internal path', async () => {
    const document = await fetchDocument();

    expect(document.paths['/api/products/{id}']?.get).toBeDefined();
    expect(document.paths['/api/orders']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(document.paths['/api/customers/login']?.post?.security).toBeUndefined();
    expect(document.paths['/api/products']?.post).toBeUndefined();
    expect(Object.keys(document.paths).filter((path) => path.includes('internal'))).toEqual([]);
  });

  it('names the services that are not running and still answers quickly', async () => {
    const started = Date.now();
    const document = await fetchDocument();

    expect([...document['x-pasar-unavailable']].sort()).toEqual([AppId.activity, AppId.catalog].sort());
    expect(Object.keys(document.paths).some((path) => path.startsWith('/api/catalog'))).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('marks as required exactly the body fields the service refuses to go without', async () => {
    const document = await fetchDocument();
    const withBodies = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, operation]) => operation.requestBody)
        .map(([method, operation]) => ({ path, method, operation })),
    );
    expect(withBodies.length).toBeGreaterThanOrEqual(6);

    for (const { path, method, operation } of withBodies) {
      // A body that is only alternatives (POST /orders: lines, or from the cart) is refused naming the first one's fields.
      const schema = operation.requestBody.content['application/json'].schema;
      const alternativesOnly = schema.properties === undefined && Array.isArray(schema.anyOf);
      const documented = [...(schema.required ?? (alternativesOnly ? schema.anyOf[0].required : undefined) ?? [])].sort();
      const refused = await missingFieldsOf(method, path, operation);
      expect({ operation: `${method} ${path}`, required: documented }).toEqual({ operation: `${method} ${path}`, required: refused });
    }
  });

  it('documents nothing the services do not implement (the drift guard finds none, and finds one it should)', async () => {
    const document = await fetchDocument();
    const withAnInvention = { paths: { ...document.paths, '/api/products/{id}/reviews': { get: {} } } };

    expect(await unimplementedOperations(document, gateway, bearer)).toEqual([]);
    expect(await unimplementedOperations(withAnInvention, gateway, bearer)).toEqual(['GET /api/products/{id}/reviews']);
  });
});

/** The top-level body fields a 400 names when the body is empty (a check across fields, a 422, names none). */
async function missingFieldsOf(method: string, path: string, operation: Operation): Promise<string[]> {
  const url = `${gateway}${path.replace(/\{[^}]+\}/g, randomUUID())}`;
  const headers = { ...(operation.security ? bearer : {}), 'content-type': 'application/json' };
  // From an address of its own: logging in and registering count against the client's limit, which other tests share.
  const response = await fetchFrom(aLoopbackClientAddress(), url, { method: method.toUpperCase(), headers, body: '{}' });
  expect([400, 422], `${method} ${path}`).toContain(response.status);
  const { errors } = (await response.json()) as { errors: Array<{ field: string }> };
  return errors
    .map((e) => e.field)
    .filter((field) => !field.includes('.') && field !== '(root)')
    .sort();
}

describe('GET /docs on the gateway', () => {
  it('answers Swagger UI over /openapi.json, with a policy that lets it run and nothing else', async () => {
    const page = await fetch(`${gateway}/docs`);
    const html = await page.text();

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('serves its assets and initializer, and nothing else of the package', async () => {
    const bundle = await fetch(`${gateway}/docs/swagger-ui-bundle.js`);
    const initializer = await (await fetch(`${gateway}/docs/initializer.js`)).text();
    const other = await fetch(`${gateway}/docs/swagger-initializer.js`);

    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect(initializer).toContain("url: '/openapi.json'");
    expect(other.status).toBe(404);
  });

  it('keeps the strict policy on the API itself', async () => {
    const api = await fetch(`${gateway}/api/categories`);

    expect(api.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
