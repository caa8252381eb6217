import { randomUUID } from 'node:crypto';
import type { AuditActor } from '@pasar/audit';
import { AppError, createLogger } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import type { Peers } from '../../src/data-access/peers.ts';
import { CANCELLED_BY_STAFF, createOrderAdministration } from '../../src/domain/order-administration.ts';
import { createOrderLifecycle, PAYMENT_TIMED_OUT } from '../../src/domain/order-lifecycle.ts';
import type { Order } from '../../src/domain/order.ts';
import { anOrder, memoryOrders } from '../support/orders.ts';

/** Staff cancelling an order: the real lifecycle over the orders in memory, and a product service that records each release. */
function setUp(placed: Order[], options: { productServiceDown?: boolean } = {}) {
  const released: string[] = [];
  const peers = {
    async releaseStock(orderId: string) {
      if (options.productServiceDown) throw AppError.unavailable('product is down');
      released.push(orderId);
    },
  } as Pick<Peers, 'releaseStock'> as Peers;
  const { orders, history } = memoryOrders(...placed);
  const logger = createLogger('admin-cancel-test', 'silent');
  const lifecycle = createOrderLifecycle({ orders, peers, logger });
  const administration = createOrderAdministration({ orders, lifecycle, logger });
  return { administration, orders, history, released };
}

const staff: AuditActor = { id: randomUUID(), role: 'staff' };
const problemOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as AppError,
  );

describe('staff cancelling an order', () => {
  it('when the order still awaits its payment, then it is cancelled by staff and its stock goes back', async () => {
    const order = anOrder();
    const { administration, orders, history, released } = setUp([order]);

    const cancelled = await administration.cancel(order.id, staff);

    expect(cancelled).toMatchObject({ id: order.id, status: 'CANCELLED', failureReason: CANCELLED_BY_STAFF });
    expect(released).toEqual([order.id]);
    expect((await orders.findById(order.id))?.stockReleasedAt).toBeInstanceOf(Date);
    expect(history.get(order.id)?.map((change) => change.status)).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
  });

  it('when the product service cannot take the stock back, then the order is cancelled all the same, its stock left to the sweeper', async () => {
    const order = anOrder();
    const { administration, orders, released } = setUp([order], { productServiceDown: true });

    const cancelled = await administration.cancel(order.id, staff);

    expect(cancelled.status).toBe('CANCELLED');
    expect(released).toEqual([]);
    expect(await orders.findById(order.id)).toMatchObject({ status: 'CANCELLED', stockReleasedAt: null });
  });

  it('when staff cancel again an order they cancelled, then it is answered again and its stock is not given back twice', async () => {
    const order = anOrder();
    const { administration, released } = setUp([order]);
    await administration.cancel(order.id, staff);

    const again = await administration.cancel(order.id, staff);

    expect(again).toMatchObject({ id: order.id, status: 'CANCELLED', failureReason: CANCELLED_BY_STAFF });
    expect(released).toEqual([order.id]);
  });

  it.each([
    ['paid', anOrder({ status: 'PAID', paymentId: randomUUID() }), 'PAID'],
    [
      'whose payment failed',
      anOrder({ status: 'PAYMENT_FAILED', paymentId: randomUUID(), failureReason: 'card declined' }),
      'PAYMENT_FAILED',
    ],
    ['cancelled when its payment timed out', anOrder({ status: 'CANCELLED', failureReason: PAYMENT_TIMED_OUT }), 'CANCELLED'],
  ])('when the order is %s, then it is a 409 naming its status, and nothing changes', async (_what, order, status) => {
    const { administration, orders, released } = setUp([order]);

    const problem = await problemOf(administration.cancel(order.id, staff));

    expect(problem).toMatchObject({ status: 409 });
    expect(problem?.message).toContain(`is ${status}`);
    expect(await orders.findById(order.id)).toEqual(order);
    expect(released).toEqual([]);
  });

  it('when the order does not exist, then it is a 404', async () => {
    const { administration } = setUp([anOrder()]);

    expect(await problemOf(administration.cancel(randomUUID(), staff))).toMatchObject({ status: 404 });
  });
});
