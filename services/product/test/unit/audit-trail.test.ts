import { randomUUID } from 'node:crypto';
import { createAuditTrail, createMemoryAuditStore } from '@pasar/audit';
import { AuditEntry, CUSTOMER_ID_HEADER, STAFF_ROLE_HEADER, type ProductSnapshot, type UpdateProductRequest } from '@pasar/contracts';
import { AppError, createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { aProductSnapshot } from '@pasar/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Products } from '../../src/domain/products.ts';
import { productApi } from '../../src/routes/api-description.ts';
import { productRoutes } from '../../src/routes/products.ts';
import { aProduct } from '../support/products.ts';

/**
 * The audit trail of staff's product writes, through the product routes over HTTP as the service
 * runs them: the use cases are a stand-in that succeeds for a known product and answers 404 for any
 * other, the trail is in memory.
 */
const logger = createLogger('product-audit-test', 'silent');
const known = aProductSnapshot();
const store = createMemoryAuditStore();
const staff = { [CUSTOMER_ID_HEADER]: randomUUID(), [STAFF_ROLE_HEADER]: 'staff' };
let server: RunningServer;

const unknownProduct = (id: string) => AppError.notFound(`Product ${id} does not exist`);
const products = {
  create: async (input) => ({ ...known, ...input, id: randomUUID() }) as ProductSnapshot,
  async update(id: string, patch: UpdateProductRequest) {
    if (id !== known.id) throw unknownProduct(id);
    return { ...known, ...patch } as ProductSnapshot;
  },
  async remove(id: string) {
    if (id !== known.id) throw unknownProduct(id);
  },
} satisfies Pick<Products, 'create' | 'update' | 'remove'> as unknown as Products;

beforeAll(async () => {
  const routes = productRoutes(products, createAuditTrail({ store, logger }));
  server = await startServer(createServiceApp({ logger, readiness: [], routes }), { port: 0, logger });
});
afterAll(() => server.stop());
beforeEach(() => void store.entries.splice(0));

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = staff) {
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? undefined : await response.json() };
}

const recorded = () => store.entries.map((entry) => AuditEntry.parse(entry));
const byStaff = { actorId: staff[CUSTOMER_ID_HEADER], actorRole: 'staff' };

describe("the audit trail of staff's product writes", () => {
  it('when staff create a product, then the trail has it by its id and SKU, with who created it', async () => {
    const { status, body } = await send('POST', '/products', aProduct({ sku: 'KOPI-TUBRUK-1' }));

    expect(status).toBe(201);
    expect(recorded()).toEqual([
      {
        ...byStaff,
        id: expect.any(String),
        at: expect.any(String),
        action: 'product.created',
        target: (body as ProductSnapshot).id,
        details: { sku: 'KOPI-TUBRUK-1' },
      },
    ]);
  });

  it('when staff change some fields, then the trail names the fields, not their values', async () => {
    await send('PATCH', `/products/${known.id}`, { price: { amount: 30_000 }, name: 'Teh Melati Wangi' });

    expect(recorded()).toMatchObject([{ ...byStaff, action: 'product.updated', target: known.id, details: { fields: ['name', 'price'] } }]);
  });

  it('when staff set the stock alone, then it is a restock, with the new count', async () => {
    await send('PATCH', `/products/${known.id}`, { stock: 40 });

    expect(recorded()).toMatchObject([{ ...byStaff, action: 'product.restocked', target: known.id, details: { stock: 40 } }]);
  });

  it('when the stock changes with other fields, then it is an update naming stock among them', async () => {
    await send('PATCH', `/products/${known.id}`, { stock: 40, active: false });

    expect(recorded()).toMatchObject([{ action: 'product.updated', details: { fields: ['active', 'stock'] } }]);
  });

  it('when staff delete a product, then the trail has it, without details', async () => {
    expect((await send('DELETE', `/products/${known.id}`)).status).toBe(204);

    expect(recorded()).toEqual([
      { ...byStaff, id: expect.any(String), at: expect.any(String), action: 'product.deleted', target: known.id },
    ]);
  });

  it.each([
    ['a body it refuses', 'POST', '/products', { sku: '' }, 400],
    ['a product that does not exist (update)', 'PATCH', `/products/${randomUUID()}`, { stock: 1 }, 404],
    ['a product that does not exist (delete)', 'DELETE', `/products/${randomUUID()}`, undefined, 404],
  ])('when a write fails on %s, then nothing is recorded', async (_what, method, path, body, expected) => {
    expect((await send(method, path, body)).status).toBe(expected);

    expect(store.entries).toEqual([]);
  });

  it('when a write comes without a staff role (a direct call), then it is made and recorded with the role unknown', async () => {
    expect((await send('DELETE', `/products/${known.id}`, undefined, {})).status).toBe(204);

    expect(recorded()).toMatchObject([{ actorId: null, actorRole: 'unknown', action: 'product.deleted' }]);
  });

  it('when products are read, then nothing is recorded', async () => {
    await send('GET', `/products/${known.id}`);

    expect(store.entries).toEqual([]);
  });
});

describe("the product service's description", () => {
  it('when it is read, then it describes the audit trail an admin reads', () => {
    expect(productApi.operations.filter((op) => op.path === '/admin/audit').map((op) => op.method)).toEqual(['GET']);
  });
});
