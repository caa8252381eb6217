import { getProducts, releaseStock } from '@pasar/contracts';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createServiceApp } from '../src/http-app.ts';
import { openApiDocument, openApiPath, PROBLEM_SCHEMA_REF, rpcOperation, SAFE_JSON_REF, type ApiDescription } from '../src/openapi.ts';
import { startServer, type RunningServer } from '../src/server.ts';

const Item = z.object({ id: z.uuid(), name: z.string(), createdAt: z.iso.datetime() });
const CreateItem = z.object({ name: z.string().min(1), quantity: z.number().int().default(1), note: z.string().optional() });
const ListQuery = z.strictObject({
  limit: z.coerce.number().int().default(20),
  category: z.string(),
  attr: z.record(z.string(), z.string()).optional(),
});

const api: ApiDescription = {
  title: 'items',
  version: '1',
  operations: [
    {
      method: 'POST',
      path: '/items',
      summary: 'Create an item',
      tags: ['items'],
      body: CreateItem,
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      responses: { 201: { description: 'Created', schema: Item }, 409: { description: 'Duplicate' } },
    },
    {
      method: 'GET',
      path: '/items',
      summary: 'List items',
      query: ListQuery,
      responses: { 200: { description: 'A page', schema: z.object({ items: z.array(Item) }) } },
    },
    {
      method: 'DELETE',
      path: '/items/:itemId',
      summary: 'Delete an item',
      params: z.object({ itemId: z.uuid() }),
      responses: { 204: { description: 'Deleted' }, 404: { description: 'No such item' } },
    },
    { method: 'GET', path: '/ping', summary: 'Ping', responses: { 200: { description: 'pong' } } },
    { method: 'GET', path: '/me', summary: 'Who asks', caller: true, responses: { 200: { description: 'You' } } },
  ],
};

type Operation = { parameters?: Array<Record<string, any>>; requestBody?: any; responses: Record<string, any>; tags?: string[] };
const document = openApiDocument(api) as { openapi: string; paths: Record<string, Record<string, Operation>>; components: any };
const operation = (path: string, method: string) => document.paths[path]![method]!;
/** The request body schema of a one-operation document taking `body`. */
const documentOf = (body: z.ZodType) =>
  (openApiDocument({ ...api, operations: [{ method: 'POST', path: '/x', summary: 'x', body, responses: {} }] }) as any).paths['/x'].post
    .requestBody.content['application/json'].schema;

describe('openApiDocument', () => {
  it('turns express paths into OpenAPI templates and keeps each method under its path', () => {
    expect(openApiPath('/a/:b/c/:d_e')).toBe('/a/{b}/c/{d_e}');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/items', '/items/{itemId}', '/me', '/ping']);
    expect(Object.keys(document.paths['/items']!).sort()).toEqual(['get', 'post']);
  });

  it('describes the body as zod reads it: fields with a default or optional are not required', () => {
    const body = operation('/items', 'post').requestBody;

    expect(body.required).toBe(true);
    const schema = body.content['application/json'].schema;
    expect(schema.required).toEqual(['name']);
    expect(schema.properties.quantity).toMatchObject({ type: 'integer', default: 1 });
    expect(schema.$schema).toBeUndefined();
  });

  it('turns params, query and headers into parameters, required as the schema says', () => {
    const query = operation('/items', 'get').parameters!;
    expect(query.map((p) => [p.name, p.in, p.required])).toEqual([
      ['limit', 'query', false],
      ['category', 'query', true],
      ['attr', 'query', false],
    ]);
    expect(query.find((p) => p.name === 'attr')).toMatchObject({ style: 'deepObject', explode: true });
    expect(operation('/items/{itemId}', 'delete').parameters).toEqual([
      { name: 'itemId', in: 'path', required: true, schema: expect.objectContaining({ format: 'uuid' }) },
    ]);
    expect(operation('/items', 'post').parameters).toEqual([
      { name: 'idempotency-key', in: 'header', required: false, schema: { type: 'string', pattern: expect.any(String) } },
    ]);
  });

  it('answers problems with the one shared ProblemDetails schema, a 400 whenever there is input and a 413 when there is a body', () => {
    const problem = operation('/items/{itemId}', 'delete').responses['404'];

    expect(problem.content['application/problem+json'].schema).toEqual({ $ref: PROBLEM_SCHEMA_REF });
    expect(document.components.schemas.ProblemDetails.required).toEqual(['type', 'title', 'status']);
    expect(Object.keys(operation('/items', 'post').responses).sort()).toEqual(['201', '400', '409', '413']);
    expect(operation('/ping', 'get').responses['400']).toBeUndefined();
  });

  it('says what parseInput refuses: unsafe text in free strings and keys; an open object takes SafeJson beside its properties', () => {
    const body = operation('/items', 'post').requestBody.content['application/json'].schema;
    const safeText = new RegExp(document.components.schemas.SafeJson.anyOf[1].pattern);

    expect(safeText.test('Kopi\tGayo\n')).toBe(true);
    expect(safeText.test('Kopi\u0000')).toBe(false);
    expect(body.properties.name.pattern).toBe(document.components.schemas.SafeJson.anyOf[1].pattern);
    expect(body).toMatchObject({ propertyNames: { pattern: expect.any(String) }, additionalProperties: { $ref: SAFE_JSON_REF } });
    const attr = operation('/items', 'get').parameters!.find((p) => p.name === 'attr')!.schema;
    expect(attr.propertyNames.pattern).toBeDefined();
    expect(operation('/items/{itemId}', 'delete').parameters![0]!.schema.pattern).not.toBe(body.properties.name.pattern);
  });

  it('adds a pattern beside one that may allow unsafe text, to strings among other types, and none to formats and enums', () => {
    const schema = documentOf(
      z.object({ code: z.string().regex(/^x/), at: z.iso.datetime(), kind: z.enum(['a']), value: z.union([z.string(), z.number()]) }),
    );

    expect(schema.properties.code).toMatchObject({ pattern: '^x', allOf: [{ pattern: expect.any(String) }] });
    expect(schema.properties.at.allOf).toBeUndefined();
    expect(schema.properties.kind.pattern).toBeUndefined();
    expect(schema.properties.value).toMatchObject({ type: ['string', 'number'], pattern: expect.any(String) });
  });

  it('documents a body every field of which has a default as optional', () => {
    const doc = openApiDocument({
      ...api,
      operations: [{ method: 'POST', path: '/x', summary: 'x', body: z.object({ n: z.number().default(1) }).prefault({}), responses: {} }],
    }) as any;

    expect(doc.paths['/x'].post.requestBody.required).toBe(false);
  });

  it('adds a 422 where the input has refinements, and refuses to go without a description stating them', () => {
    const Range = z
      .object({ from: z.number(), to: z.number() })
      .refine((r) => r.from < r.to, { path: ['from'], message: 'must be before to' });
    const ruled = { method: 'GET' as const, path: '/r', summary: 'r', query: Range, responses: {} };

    expect(() => openApiDocument({ ...api, operations: [ruled] })).toThrow(/description/);
    const doc = openApiDocument({ ...api, operations: [{ ...ruled, description: 'from < to' }] }) as any;
    expect(doc.paths['/r'].get.description).toBe('from < to');
    expect(Object.keys(doc.paths['/r'].get.responses).sort()).toEqual(['400', '422']);
    expect(Object.keys(operation('/items', 'get').responses)).not.toContain('422');
  });

  it('describes responses as zod writes them, and a 204 without content', () => {
    const created = operation('/items', 'post').responses['201'].content['application/json'].schema;

    expect(created.required).toEqual(['id', 'name', 'createdAt']);
    expect(operation('/items/{itemId}', 'delete').responses['204']).toEqual({ description: 'Deleted' });
  });

  it('describes a route that reads its caller with the required caller header and a 401, not a 400', () => {
    const me = operation('/me', 'get');

    expect(me.parameters).toEqual([
      { name: 'x-pasar-customer-id', in: 'header', required: true, schema: expect.objectContaining({ format: 'uuid' }) },
    ]);
    expect(Object.keys(me.responses).sort()).toEqual(['200', '401']);
  });

  it('refuses a path parameter that has no schema', () => {
    const broken: ApiDescription = { ...api, operations: [{ method: 'GET', path: '/items/:itemId', summary: 'x', responses: {} }] };

    expect(() => openApiDocument(broken)).toThrow(/path parameter "itemId"/);
  });
});

describe('createServiceApp with an api', () => {
  let server: RunningServer | undefined;
  afterAll(() => server?.stop());

  it('serves the document at GET /openapi.json; without one there is no such route', async () => {
    const logger = pino({ level: 'silent' });
    server = await startServer(createServiceApp({ logger, readiness: [], api }), { port: 0, logger });
    const bare = await startServer(createServiceApp({ logger, readiness: [] }), { port: 0, logger });

    const served = await fetch(`http://127.0.0.1:${server.port}/openapi.json`);
    const missing = await fetch(`http://127.0.0.1:${bare.port}/openapi.json`);
    await bare.stop();

    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(document);
    expect(missing.status).toBe(404);
  });
});

describe('rpcOperation', () => {
  it('describes an internal RPC from its contract: params, body when it has one, and its answer', () => {
    const withBody = rpcOperation(getProducts, 'Products by id', { 409: { description: 'x' } });
    const withoutBody = rpcOperation(releaseStock, 'Release');
    const doc = openApiDocument({ title: 't', version: '1', operations: [withBody, withoutBody] }) as {
      paths: Record<string, Record<string, Operation>>;
    };

    expect(withBody).toMatchObject({ method: 'POST', path: getProducts.path, body: getProducts.body, tags: ['internal'] });
    expect(withoutBody.body).toBeUndefined();
    expect(Object.keys(doc.paths['/internal/products/batch']!.post!.responses).sort()).toEqual(['200', '400', '409', '413']);
    expect(doc.paths['/internal/stock/reservations/{orderId}/release']!.post!.parameters![0]).toMatchObject({
      name: 'orderId',
      in: 'path',
    });
  });
});
