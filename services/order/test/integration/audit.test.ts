import { randomUUID } from 'node:crypto';
import { newAuditEntry, readAuditPage, type AuditActor, type AuditStore } from '@pasar/audit';
import { AuditPage, type AuditEntry } from '@pasar/contracts';
import { createLogger } from '@pasar/service-kit';
import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditStore } from '../../src/data-access/audit-store.ts';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createOrdersRepository, type OrdersRepository } from '../../src/data-access/orders-repository.ts';
import type { Peers } from '../../src/data-access/peers.ts';
import { createOrderAdministration, ORDER_CANCELLED, type OrderAdministration } from '../../src/domain/order-administration.ts';
import { createOrderLifecycle } from '../../src/domain/order-lifecycle.ts';
import type { Order } from '../../src/domain/order.ts';
import { orderCreatedMessage } from '../../src/domain/place-order.ts';
import { anOrder } from '../support/orders.ts';

/**
 * The order service's audit trail in its table, in a schema of its own: entries read back newest
 * first, page by page, and a cancel by staff committed together with its entry (or neither).
 * Each test reads only the entries it wrote (by their target), so the tests do not see each other's.
 */
describe("the order service's audit trail, against PostgreSQL", () => {
  let schema: ScratchSchema;
  let store: AuditStore;
  let orders: OrdersRepository;
  let administration: OrderAdministration;
  const staff: AuditActor = { id: randomUUID(), role: 'staff' };

  beforeAll(async () => {
    schema = await createScratchSchema('ordering_audit_test', { migrationsDirectory: MIGRATIONS_DIRECTORY, outbox: true });
    store = createAuditStore(schema.pool);
    orders = createOrdersRepository(schema.pool);
    const peers = { releaseStock: async () => undefined } as Pick<Peers, 'releaseStock'> as Peers;
    const logger = createLogger('order-audit-test', 'silent');
    administration = createOrderAdministration({ orders, lifecycle: createOrderLifecycle({ orders, peers, logger }), logger });
  });

  afterAll(async () => {
    await schema?.drop();
  });

  const entryAt = (at: string, target: string, details?: AuditEntry['details']) =>
    newAuditEntry(staff, { action: 'order.cancelled', target, ...(details && { details }) }, new Date(at));

  async function everyEntry(): Promise<AuditEntry[]> {
    const pages = [await readAuditPage(store, 2, undefined)];
    while (pages.at(-1)!.nextCursor) pages.push(await readAuditPage(store, 2, pages.at(-1)!.nextCursor!));
    return pages.flatMap((page) => AuditPage.parse(page).items);
  }

  async function placed(): Promise<Order> {
    const order = anOrder();
    await orders.insertWithMessage(order, orderCreatedMessage(order));
    return order;
  }

  it('when entries are appended, then the pages read them back whole, newest first, those of one millisecond by id', async () => {
    const target = randomUUID();
    const written = [
      entryAt('2031-06-01T10:00:00.000Z', target, { fields: ['status'], count: 2, forced: false }),
      entryAt('2031-06-01T10:00:00.000Z', target),
      entryAt('2031-06-01T09:00:00.000Z', target),
      entryAt('2031-06-02T00:00:00.000Z', target),
    ];
    for (const entry of written) await store.append(entry);

    const read = (await everyEntry()).filter((entry) => entry.target === target);

    const newestFirst = [...written].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
    expect(read).toEqual(newestFirst);
  });

  it('when an entry names no actor, then it reads back with none and an unknown role', async () => {
    const target = randomUUID();
    await store.append(newAuditEntry({ id: null, role: 'unknown' }, { action: 'order.cancelled', target }));

    expect((await everyEntry()).find((entry) => entry.target === target)).toMatchObject({ actorId: null, actorRole: 'unknown' });
  });

  it('when staff cancel an unpaid order, then the cancel is in the trail with who did it', async () => {
    const order = await placed();

    await administration.cancel(order.id, staff);

    expect((await everyEntry()).filter((entry) => entry.target === order.id)).toMatchObject([
      { action: ORDER_CANCELLED, actorId: staff.id, actorRole: 'staff' },
    ]);
  });

  it('when staff cancel a paid order, then it is refused and nothing is in the trail', async () => {
    const order = await placed();
    await orders.changeStatus(order.id, 'PENDING_PAYMENT', 'PAID', { paymentId: randomUUID() });

    await expect(administration.cancel(order.id, staff)).rejects.toMatchObject({ status: 409 });

    expect((await everyEntry()).filter((entry) => entry.target === order.id)).toEqual([]);
  });

  it('when the entry cannot be written, then the cancel is not made either: they commit together', async () => {
    const order = await placed();
    const taken = entryAt('2031-06-03T00:00:00.000Z', order.id);
    await store.append(taken);

    const again = { ...taken, at: new Date().toISOString() };
    await expect(orders.changeStatus(order.id, 'PENDING_PAYMENT', 'CANCELLED', { audit: again })).rejects.toThrow();

    expect(await orders.findById(order.id)).toMatchObject({ status: 'PENDING_PAYMENT' });
    expect((await orders.statusHistoryOf(order.id)).map((change) => change.status)).toEqual(['PENDING_PAYMENT']);
  });
});
