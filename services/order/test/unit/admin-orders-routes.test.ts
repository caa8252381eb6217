import { randomUUID } from 'node:crypto';
import { OrderPage, OrderView, ProblemDetails } from '@pasar/contracts';
import { createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import { createOrderAdministration } from '../../src/domain/order-administration.ts';
import { createOrderLifecycle } from '../../src/domain/order-lifecycle.ts';
import { adminOrderOperations } from '../../src/routes/admin-orders-api-description.ts';
import { adminOrderRoutes } from '../../src/routes/admin-orders.ts';
import { anOrder, memoryOrders } from '../support/orders.ts';

/**
 * Staff's order routes over HTTP, through the service kit as the service runs them (the orders in
 * memory, the product service a no-op): what goes wrong is a problem naming the field, and the
 * routes are exactly the operations the service describes.
 */
const logger = createLogger('admin-orders-routes-test', 'silent');
const pending = anOrder();
const paid = anOrder({ status: 'PAID', paymentId: randomUUID() });
let server: RunningServer;
let base: string;

beforeAll(async () => {
  const { orders } = memoryOrders(pending, paid);
  const peers = { releaseStock: async () => undefined } as Pick<Peers, 'releaseStock'> as Peers;
  const administration = createOrderAdministration({ orders, lifecycle: createOrderLifecycle({ orders, peers, logger }), logger });
  server = await startServer(createServiceApp({ logger, readiness: [], routes: adminOrderRoutes({ administration }) }), {
    port: 0,
    logger,
  });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop());

async function call(method: string, path: string) {
  const response = await fetch(base + path, { method });
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

describe("staff's order routes over HTTP", () => {
  it('when the listing is asked for, then it answers a page of orders as the contract has it', async () => {
    const { status, body } = await call('GET', '/admin/orders?limit=1');

    const page = OrderPage.parse(body);
    expect(status).toBe(200);
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it.each([
    ['a status that does not exist', '/admin/orders?status=SHIPPED', 400, 'query.status'],
    ['a day that is not one', '/admin/orders?from=2026-11-31', 400, 'query.from'],
    ['from after to', '/admin/orders?from=2026-12-01&to=2026-11-30', 422, 'query.from'],
    ['an order id that is not a UUID', '/admin/orders/42', 400, 'params.orderId'],
  ])('when the request has %s, then it is a problem naming the field', async (_what, path, expected, field) => {
    const { status, type, body } = await call('GET', path);

    expect(status).toBe(expected);
    expect(type).toContain('application/problem+json');
    expect(ProblemDetails.parse(body).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('when an unknown order is read or cancelled, then it is a 404 problem', async () => {
    const id = randomUUID();

    expect((await call('GET', `/admin/orders/${id}`)).status).toBe(404);
    expect((await call('POST', `/admin/orders/${id}/cancel`)).status).toBe(404);
  });

  it('when a paid order is cancelled, then it is a 409 problem naming its status', async () => {
    const { status, body } = await call('POST', `/admin/orders/${paid.id}/cancel`);

    expect(status).toBe(409);
    expect(ProblemDetails.parse(body).detail).toContain('is PAID');
  });

  it('when an unpaid order is cancelled, then it answers the cancelled order as the contract has it', async () => {
    const { status, body } = await call('POST', `/admin/orders/${pending.id}/cancel`);

    expect(status).toBe(200);
    expect(OrderView.parse(body)).toMatchObject({ id: pending.id, status: 'CANCELLED' });
  });
});

describe("staff's order routes and their description", () => {
  const routed = (
    adminOrderRoutes({ administration: {} as never }).stack as unknown as Array<{ route: { path: string; methods: object } }>
  ).flatMap(({ route }) => Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`));

  it('when the router and the description are compared, then each route is described and each described operation is routed', () => {
    expect(routed.sort()).toEqual(adminOrderOperations.map((op) => `${op.method} ${op.path}`).sort());
  });

  it.each(adminOrderOperations.map((op) => [op.method, op.path] as const))(
    'when %s %s is called for a known order, then it answers 200',
    async (method, path) => {
      const { status } = await call(method, path.replace(':orderId', pending.id));

      expect(status).toBe(200);
    },
  );
});
