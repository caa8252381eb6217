import { randomUUID } from 'node:crypto';
import { AdminOrderDetail } from '@pasar/contracts';
import { createLogger, type AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import type { OrderLifecycle } from '../../src/domain/order-lifecycle.ts';
import { createOrderAdministration, paymentOf } from '../../src/domain/order-administration.ts';
import { anOrder, memoryOrders } from '../support/orders.ts';

const paymentId = randomUUID();

describe("an order's payment, as the order service knows it", () => {
  it.each([
    ['awaits its payment', anOrder(), { status: 'PENDING', paymentId: null }],
    ['is paid', anOrder({ status: 'PAID', paymentId }), { status: 'SUCCEEDED', paymentId }],
    [
      'failed its payment',
      anOrder({ status: 'PAYMENT_FAILED', paymentId, failureReason: 'card declined' }),
      { status: 'FAILED', paymentId },
    ],
    [
      'was cancelled after its payment failed',
      anOrder({ status: 'CANCELLED', paymentId, failureReason: 'card declined' }),
      { status: 'FAILED', paymentId },
    ],
    [
      'was cancelled before any payment outcome came',
      anOrder({ status: 'CANCELLED', failureReason: 'payment timed out' }),
      { status: 'NONE', paymentId: null },
    ],
  ])('when the order %s, then its payment says so', (_what, order, payment) => {
    expect(paymentOf(order)).toEqual(payment);
  });
});

describe("staff reading an order's detail", () => {
  const setUp = (...placed: ReturnType<typeof anOrder>[]) => {
    const { orders } = memoryOrders(...placed);
    const lifecycle: Pick<OrderLifecycle, 'cancelUnpaid'> = { cancelUnpaid: async () => undefined };
    return { orders, administration: createOrderAdministration({ orders, lifecycle, logger: createLogger('detail-test', 'silent') }) };
  };

  it("when any customer's order is read, then it comes with its payment, its stock release and its timeline, oldest first, as the contract has it", async () => {
    const order = anOrder({ createdAt: new Date('2026-11-02T08:00:00.000Z') });
    const { orders, administration } = setUp(order);
    await orders.changeStatus(order.id, 'PENDING_PAYMENT', 'PAYMENT_FAILED', { paymentId, failureReason: 'card declined' });
    await orders.markStockReleased(order.id);
    await orders.changeStatus(order.id, 'PAYMENT_FAILED', 'CANCELLED');

    const detail = await administration.detailOf(order.id);

    expect(AdminOrderDetail.parse(detail)).toEqual(detail);
    expect(detail).toMatchObject({
      id: order.id,
      customerId: order.customerId,
      status: 'CANCELLED',
      failureReason: 'card declined',
      payment: { status: 'FAILED', paymentId },
      stockReleasedAt: expect.any(String),
    });
    expect(detail.statusHistory.map((change) => change.status)).toEqual(['PENDING_PAYMENT', 'PAYMENT_FAILED', 'CANCELLED']);
    expect(detail.statusHistory[0]!.at).toBe('2026-11-02T08:00:00.000Z');
  });

  it('when the order still awaits its payment, then its stock release is null and its timeline has one step', async () => {
    const order = anOrder();
    const { administration } = setUp(order);

    const detail = await administration.detailOf(order.id);

    expect(detail).toMatchObject({ payment: { status: 'PENDING', paymentId: null }, stockReleasedAt: null });
    expect(detail.statusHistory).toEqual([{ status: 'PENDING_PAYMENT', at: order.createdAt.toISOString() }]);
  });

  it('when the order does not exist, then it is a 404', async () => {
    const { administration } = setUp(anOrder());

    const problem = await administration.detailOf(randomUUID()).catch((error: unknown) => error as AppError);

    expect(problem).toMatchObject({ status: 404 });
  });
});
