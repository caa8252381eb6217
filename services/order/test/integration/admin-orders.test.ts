import { randomUUID } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuditActor } from '@pasar/audit';
import type { AdminListOrdersQuery, OrderPage } from '@pasar/contracts';
import { migrate } from '@pasar/postgres';
import { createLogger, type AppError } from '@pasar/service-kit';
import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createOrdersRepository, type OrdersRepository } from '../../src/data-access/orders-repository.ts';
import type { Peers } from '../../src/data-access/peers.ts';
import { CANCELLED_BY_STAFF, createOrderAdministration, type OrderAdministration } from '../../src/domain/order-administration.ts';
import { createOrderLifecycle, type OrderLifecycle } from '../../src/domain/order-lifecycle.ts';
import type { Order } from '../../src/domain/order.ts';
import { orderCreatedMessage } from '../../src/domain/place-order.ts';
import { anOrder } from '../support/orders.ts';

/**
 * Staff's order administration over the real repository, in a schema of its own: the filters and
 * pages of the listing, each order's timeline, and cancelling. The product service is a recorder of
 * stock releases. Each test places its orders on days of its own (in 2031), so the listings of one
 * test never see another's.
 */
describe("staff's orders, against PostgreSQL", () => {
  let schema: ScratchSchema;
  let orders: OrdersRepository;
  let lifecycle: OrderLifecycle;
  let administration: OrderAdministration;
  const released: string[] = [];
  const staff: AuditActor = { id: randomUUID(), role: 'staff' };

  beforeAll(async () => {
    schema = await createScratchSchema('ordering_admin_test', { migrationsDirectory: MIGRATIONS_DIRECTORY, outbox: true });
    orders = createOrdersRepository(schema.pool);
    const peers = { releaseStock: async (orderId: string) => void released.push(orderId) } as Pick<Peers, 'releaseStock'> as Peers;
    const logger = createLogger('admin-orders-test', 'silent');
    lifecycle = createOrderLifecycle({ orders, peers, logger });
    administration = createOrderAdministration({ orders, lifecycle, logger });
  });

  afterAll(async () => {
    await schema?.drop();
  });

  /** Places an order at each time, each of a customer of its own, as placing an order writes it. */
  async function placeAt(...times: string[]): Promise<Order[]> {
    const placed = times.map((time) => anOrder({ createdAt: new Date(time) }));
    for (const order of placed) await orders.insertWithMessage(order, orderCreatedMessage(order));
    return placed;
  }
  const pay = (order: Order) => orders.changeStatus(order.id, 'PENDING_PAYMENT', 'PAID', { paymentId: randomUUID() });
  const list = (query: Partial<AdminListOrdersQuery>) => administration.pageOfOrders({ limit: 20, ...query });
  const idsOf = (page: OrderPage) => page.items.map((item) => item.id);
  const newestFirst = (placed: Order[]) =>
    [...placed]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .map((order) => order.id);
  const statusesOf = async (orderId: string) => (await orders.statusHistoryOf(orderId)).map((change) => change.status);

  async function everyPage(query: Partial<AdminListOrdersQuery>): Promise<OrderPage[]> {
    const pages = [await list(query)];
    while (pages.at(-1)!.nextCursor) pages.push(await list({ ...query, cursor: pages.at(-1)!.nextCursor! }));
    return pages;
  }

  describe('the listing', () => {
    it('when from and to are given, then the orders placed on those UTC days are listed, both days whole, newest first', async () => {
      const [before, first, middle, last, after] = await placeAt(
        '2031-03-09T23:59:59.999Z',
        '2031-03-10T00:00:00.000Z',
        '2031-03-11T12:00:00.000Z',
        '2031-03-12T23:59:59.999Z',
        '2031-03-13T00:00:00.000Z',
      );

      expect(idsOf(await list({ from: '2031-03-10', to: '2031-03-12' }))).toEqual([last!.id, middle!.id, first!.id]);
      expect(idsOf(await list({ from: '2031-03-09', to: '2031-03-09' }))).toEqual([before!.id]);
      expect(idsOf(await list({ from: '2031-03-13', to: '2031-03-13' }))).toEqual([after!.id]);
      expect(idsOf(await list({ from: '2031-03-14', to: '2031-03-31' }))).toEqual([]);
    });

    it('when only to is given, then every order placed up to the end of that day is listed, the oldest ones too', async () => {
      const [earliest] = await placeAt('2001-01-01T08:00:00.000Z');

      expect(idsOf(await list({ to: '2001-01-01' }))).toEqual([earliest!.id]);
    });

    it("when a status is given, then only the orders in that status now are listed, every customer's", async () => {
      const [pending, paid, cancelled] = await placeAt('2031-04-02T08:00:00.000Z', '2031-04-02T09:00:00.000Z', '2031-04-02T10:00:00.000Z');
      await pay(paid!);
      await administration.cancel(cancelled!.id, staff);
      const day = { from: '2031-04-02', to: '2031-04-02' };

      expect(idsOf(await list({ ...day, status: 'PENDING_PAYMENT' }))).toEqual([pending!.id]);
      expect(idsOf(await list({ ...day, status: 'PAID' }))).toEqual([paid!.id]);
      expect(idsOf(await list({ ...day, status: 'CANCELLED' }))).toEqual([cancelled!.id]);
      expect(idsOf(await list({ ...day, status: 'PAYMENT_FAILED' }))).toEqual([]);
      const all = await list(day);
      expect(all.items.map((item) => [item.id, item.customerId, item.status])).toEqual([
        [cancelled!.id, cancelled!.customerId, 'CANCELLED'],
        [paid!.id, paid!.customerId, 'PAID'],
        [pending!.id, pending!.customerId, 'PENDING_PAYMENT'],
      ]);
    });

    it('when the orders fill several pages, then following nextCursor lists each once, newest first, ties by id, and the last page says no more', async () => {
      const placed = await placeAt(
        '2031-05-05T08:00:00.000Z',
        '2031-05-05T09:00:00.000Z',
        '2031-05-05T09:00:00.000Z',
        '2031-05-05T09:00:00.000Z',
        '2031-05-05T10:00:00.000Z',
      );

      const pages = await everyPage({ from: '2031-05-05', to: '2031-05-05', limit: 2 });

      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
      expect(pages.flatMap(idsOf)).toEqual(newestFirst(placed));
      expect(pages.at(-1)!.nextCursor).toBeNull();
    });

    it('when a status filters the pages, then the cursor keeps to it', async () => {
      const placed = await placeAt(
        '2031-06-06T08:00:00.000Z',
        '2031-06-06T09:00:00.000Z',
        '2031-06-06T10:00:00.000Z',
        '2031-06-06T11:00:00.000Z',
        '2031-06-06T12:00:00.000Z',
      );
      const paid = [placed[0]!, placed[2]!, placed[4]!];
      for (const order of paid) await pay(order);

      const pages = await everyPage({ from: '2031-06-06', to: '2031-06-06', status: 'PAID', limit: 2 });

      expect(pages.map((page) => page.items.length)).toEqual([2, 1]);
      expect(pages.flatMap(idsOf)).toEqual(newestFirst(paid));
    });
  });

  describe("an order's timeline", () => {
    it('when an order is placed, then its timeline starts with PENDING_PAYMENT at the time it was placed', async () => {
      const [order] = await placeAt('2031-07-07T07:07:07.007Z');

      expect(await orders.statusHistoryOf(order!.id)).toEqual([{ status: 'PENDING_PAYMENT', at: new Date('2031-07-07T07:07:07.007Z') }]);
    });

    it('when its status changes, then each change adds a row at the time the order was updated, and a refused change adds none', async () => {
      const [order] = await placeAt('2031-07-08T08:00:00.000Z');
      await orders.changeStatus(order!.id, 'PENDING_PAYMENT', 'PAYMENT_FAILED', {
        paymentId: randomUUID(),
        failureReason: 'card declined',
      });
      expect(await orders.changeStatus(order!.id, 'PENDING_PAYMENT', 'PAID')).toBeUndefined();
      const cancelled = await orders.changeStatus(order!.id, 'PAYMENT_FAILED', 'CANCELLED');

      const detail = await administration.detailOf(order!.id);

      expect(detail.statusHistory.map((change) => change.status)).toEqual(['PENDING_PAYMENT', 'PAYMENT_FAILED', 'CANCELLED']);
      expect(detail.statusHistory.at(-1)!.at).toBe(cancelled!.updatedAt.toISOString());
      expect(detail.payment).toMatchObject({ status: 'FAILED' });
    });

    it('when twenty changes of one order race, then one wins and the timeline has exactly its row', async () => {
      const [order] = await placeAt('2031-07-09T09:00:00.000Z');

      await Promise.all(
        Array.from({ length: 20 }, (_, i) => orders.changeStatus(order!.id, 'PENDING_PAYMENT', i % 2 ? 'PAID' : 'CANCELLED')),
      );

      const statuses = await statusesOf(order!.id);
      expect(statuses).toHaveLength(2);
      expect(statuses[1]).toBe((await orders.findById(order!.id))!.status);
    });

    it("when any customer's order is read, then it comes whole: lines, payment, stock release and timeline", async () => {
      const [order] = await placeAt('2031-07-10T10:00:00.000Z');
      const paymentId = randomUUID();
      await orders.changeStatus(order!.id, 'PENDING_PAYMENT', 'PAID', { paymentId });

      const detail = await administration.detailOf(order!.id);

      expect(detail).toMatchObject({
        id: order!.id,
        customerId: order!.customerId,
        status: 'PAID',
        items: order!.items,
        total: order!.total,
        payment: { status: 'SUCCEEDED', paymentId },
        stockReleasedAt: null,
      });
      expect(detail.statusHistory.map((change) => change.status)).toEqual(['PENDING_PAYMENT', 'PAID']);
    });
  });

  describe('cancelling', () => {
    it('when staff cancel an unpaid order, then it is CANCELLED by staff, its stock is released and marked, and its timeline ends there', async () => {
      const [order] = await placeAt('2031-08-01T08:00:00.000Z');

      const cancelled = await administration.cancel(order!.id, staff);

      expect(cancelled).toMatchObject({ status: 'CANCELLED', failureReason: CANCELLED_BY_STAFF });
      expect(released).toContain(order!.id);
      const detail = await administration.detailOf(order!.id);
      expect(detail.stockReleasedAt).toEqual(expect.any(String));
      expect(detail.payment).toEqual({ status: 'NONE', paymentId: null });
      expect(detail.statusHistory.map((change) => change.status)).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
    });

    it('when staff cancel it again, then it is answered again, and neither the stock nor the timeline moves twice', async () => {
      const [order] = await placeAt('2031-08-02T08:00:00.000Z');
      await administration.cancel(order!.id, staff);

      const again = await administration.cancel(order!.id, staff);

      expect(again).toMatchObject({ id: order!.id, status: 'CANCELLED' });
      expect(released.filter((id) => id === order!.id)).toHaveLength(1);
      expect(await statusesOf(order!.id)).toEqual(['PENDING_PAYMENT', 'CANCELLED']);
    });

    it('when the order is paid, then it is a 409 naming PAID, and the order and its timeline stay as they were', async () => {
      const [order] = await placeAt('2031-08-03T08:00:00.000Z');
      const paid = await pay(order!);

      const problem = await administration.cancel(order!.id, staff).catch((error: unknown) => error as AppError);

      expect(problem).toMatchObject({ status: 409, message: expect.stringContaining('is PAID') });
      expect(await orders.findById(order!.id)).toEqual(paid);
      expect(await statusesOf(order!.id)).toEqual(['PENDING_PAYMENT', 'PAID']);
      expect(released).not.toContain(order!.id);
    });

    it('when the cancel and a succeeded payment race, then exactly one wins, the loser is a 409, and the timeline has the winner alone', async () => {
      const [order] = await placeAt('2031-08-04T08:00:00.000Z');

      const outcomes = await Promise.allSettled([
        administration.cancel(order!.id, staff),
        lifecycle.applyPaymentResult(order!.id, { paymentId: randomUUID(), status: 'SUCCEEDED' }),
      ]);

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const lost = outcomes.find((outcome) => outcome.status === 'rejected');
      expect(lost?.reason).toMatchObject({ status: 409 });
      const final = (await orders.findById(order!.id))!.status;
      expect(await statusesOf(order!.id)).toEqual(['PENDING_PAYMENT', final]);
      expect(released.includes(order!.id)).toBe(final === 'CANCELLED');
    });

    it('when the order does not exist, then it is a 404', async () => {
      await expect(administration.cancel(randomUUID(), staff)).rejects.toMatchObject({ status: 404 });
    });
  });
});

describe('the timeline of orders placed before it was kept (migration 004)', () => {
  let scratch: ScratchSchema;
  let directory: string;

  beforeAll(async () => {
    scratch = await createScratchSchema('ordering_timeline_backfill_test');
    directory = await mkdtemp(path.join(tmpdir(), 'pasar-order-migrations-'));
  });

  afterAll(async () => {
    await scratch?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  const addMigrations = (...files: string[]) =>
    Promise.all(files.map((file) => copyFile(fileURLToPath(new URL(file, MIGRATIONS_DIRECTORY)), path.join(directory, file))));
  const insertOrder = (status: string, createdAt: string, updatedAt: string) => {
    const id = randomUUID();
    return scratch.pool
      .query(
        `insert into orders (id, customer_id, status, total_amount, currency, shipping_address, created_at, updated_at)
         values ($1, $2, $3, 1000, 'IDR', '{}', $4, $5)`,
        [id, randomUUID(), status, createdAt, updatedAt],
      )
      .then(() => id);
  };

  it('when the migration runs over orders already placed, then each gets its start, and its present status when it moved since', async () => {
    await addMigrations('001_orders.sql', '003_cart_checkout.sql');
    await migrate(scratch.pool, { directory });
    const pending = await insertOrder('PENDING_PAYMENT', '2026-01-01T08:00:00Z', '2026-01-01T08:00:00Z');
    const paid = await insertOrder('PAID', '2026-01-02T08:00:00Z', '2026-01-02T08:01:00Z');
    const cancelled = await insertOrder('CANCELLED', '2026-01-03T08:00:00Z', '2026-01-03T08:15:00Z');

    await addMigrations('004_order_status_changes.sql');
    await migrate(scratch.pool, { directory });

    const history = createOrdersRepository(scratch.pool).statusHistoryOf;
    expect(await history(pending)).toEqual([{ status: 'PENDING_PAYMENT', at: new Date('2026-01-01T08:00:00Z') }]);
    expect(await history(paid)).toEqual([
      { status: 'PENDING_PAYMENT', at: new Date('2026-01-02T08:00:00Z') },
      { status: 'PAID', at: new Date('2026-01-02T08:01:00Z') },
    ]);
    expect(await history(cancelled)).toEqual([
      { status: 'PENDING_PAYMENT', at: new Date('2026-01-03T08:00:00Z') },
      { status: 'CANCELLED', at: new Date('2026-01-03T08:15:00Z') },
    ]);
  });
});
