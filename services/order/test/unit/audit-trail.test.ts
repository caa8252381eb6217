import { randomUUID } from 'node:crypto';
import type { AuditActor } from '@pasar/audit';
import { AuditEntry, CUSTOMER_ID_HEADER, STAFF_ROLE_HEADER } from '@pasar/contracts';
import { createLogger, createServiceApp, startServer } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import { createOrderAdministration, ORDER_CANCELLED } from '../../src/domain/order-administration.ts';
import { createOrderLifecycle } from '../../src/domain/order-lifecycle.ts';
import type { Order } from '../../src/domain/order.ts';
import { orderApi } from '../../src/routes/api-description.ts';
import { adminOrderRoutes } from '../../src/routes/admin-orders.ts';
import { anOrder, memoryOrders } from '../support/orders.ts';

/**
 * The audit trail of staff's order actions: a cancel by staff is recorded with the status change it
 * makes (the fake, as the repository, keeps the entry only when the status moved), and nothing else is.
 */
const logger = createLogger('order-audit-test', 'silent');
const staff: AuditActor = { id: randomUUID(), role: 'staff' };

function setUp(...placed: Order[]) {
  const peers = { releaseStock: async () => undefined } as Pick<Peers, 'releaseStock'> as Peers;
  const { orders, audited } = memoryOrders(...placed);
  const lifecycle = createOrderLifecycle({ orders, peers, logger });
  return { administration: createOrderAdministration({ orders, lifecycle, logger }), lifecycle, audited };
}

const refusal = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

describe("the audit trail of staff's order actions", () => {
  it('when staff cancel an unpaid order, then the cancel is recorded with who did it, to which order and when', async () => {
    const order = anOrder();
    const { administration, audited } = setUp(order);
    const before = Date.now();

    await administration.cancel(order.id, staff);

    expect(audited.map((entry) => AuditEntry.parse(entry))).toEqual([
      { id: expect.any(String), at: expect.any(String), actorId: staff.id, actorRole: 'staff', action: ORDER_CANCELLED, target: order.id },
    ]);
    expect(Date.parse(audited[0]!.at)).toBeGreaterThanOrEqual(before);
  });

  it('when staff cancel again an order they cancelled, then it is answered again and recorded once', async () => {
    const order = anOrder();
    const { administration, audited } = setUp(order);
    await administration.cancel(order.id, staff);

    await administration.cancel(order.id, staff);

    expect(audited).toHaveLength(1);
  });

  it('when a cancel is refused (a paid order, an unknown one), then nothing is recorded', async () => {
    const paid = anOrder({ status: 'PAID', paymentId: randomUUID() });
    const { administration, audited } = setUp(paid);

    expect(await refusal(administration.cancel(paid.id, staff))).toMatchObject({ status: 409 });
    expect(await refusal(administration.cancel(randomUUID(), staff))).toMatchObject({ status: 404 });
    expect(audited).toEqual([]);
  });

  it('when the sweeper cancels an order whose payment timed out, then nothing is recorded: the trail is of staff actions', async () => {
    const order = anOrder();
    const { lifecycle, audited } = setUp(order);

    await lifecycle.cancelUnpaid(order.id);

    expect(audited).toEqual([]);
  });
});

describe('the actor of a cancel over HTTP', () => {
  async function cancelOverHttp(headers: Record<string, string>) {
    const order = anOrder();
    const { administration, audited } = setUp(order);
    const server = await startServer(createServiceApp({ logger, readiness: [], routes: adminOrderRoutes({ administration }) }), {
      port: 0,
      logger,
    });
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/admin/orders/${order.id}/cancel`, { method: 'POST', headers });
      expect(response.status).toBe(200);
      return audited;
    } finally {
      await server.stop();
    }
  }

  it('when the gateway passes on an admin, then the entry names that admin', async () => {
    const adminId = randomUUID();

    const audited = await cancelOverHttp({ [CUSTOMER_ID_HEADER]: adminId, [STAFF_ROLE_HEADER]: 'admin' });

    expect(audited).toMatchObject([{ actorId: adminId, actorRole: 'admin' }]);
  });

  it('when the call names no one (a direct call), then the cancel still happens and the entry says the actor is unknown', async () => {
    expect(await cancelOverHttp({})).toMatchObject([{ actorId: null, actorRole: 'unknown' }]);
  });
});

describe("the order service's description", () => {
  it('when it is read, then it describes the audit trail an admin reads', () => {
    expect(orderApi.operations.filter((op) => op.path === '/admin/audit').map((op) => op.method)).toEqual(['GET']);
  });
});
