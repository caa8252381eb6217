import { randomUUID } from 'node:crypto';
import { createPool } from '@pasar/postgres';
import { freePort, createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createOrdersRepository, type OrdersRepository } from '../../src/data-access/orders-repository.ts';
import type { Order } from '../../src/domain/order.ts';
import { orderCreatedMessage } from '../../src/domain/place-order.ts';

describe('the orders repository', () => {
  let schema: ScratchSchema;
  let orders: OrdersRepository;

  beforeAll(async () => {
    schema = await createScratchSchema('ordering_repo_test', { migrationsDirectory: MIGRATIONS_DIRECTORY, outbox: true });
    orders = createOrdersRepository(schema.pool);
  });

  afterAll(async () => {
    await schema?.drop();
  });

  const anOrder = (): Order => {
    const now = new Date();
    return {
      id: randomUUID(),
      customerId: randomUUID(),
      status: 'PENDING_PAYMENT',
      items: [
        { productId: randomUUID(), sku: 'KOPI-1', name: 'Kopi', quantity: 2, unitPrice: { amount: 15_000, currency: 'IDR' } },
        { productId: randomUUID(), sku: 'TEH-1', name: 'Teh', quantity: 1, unitPrice: { amount: 7_500, currency: 'IDR' } },
      ],
      total: { amount: 37_500, currency: 'IDR' },
      shippingAddress: { recipient: 'Siti', line1: 'Jl. Merdeka 1', city: 'Bandung', postalCode: '40111', country: 'ID' },
      paymentId: null,
      failureReason: null,
      idempotencyKey: null,
      requestHash: 'h',
      cartRevision: null,
      stockReleasedAt: null,
      createdAt: now,
      updatedAt: now,
    };
  };

  it('when an order placed from a cart is written, then the cart revision it consumed reads back with it', async () => {
    const order = { ...anOrder(), cartRevision: randomUUID() };

    await orders.insertWithMessage(order, orderCreatedMessage(order));

    expect(await orders.findById(order.id)).toEqual(order);
  });

  it('when an order is written with its message, then it reads back whole and its message waits in the outbox', async () => {
    const order = anOrder();

    await orders.insertWithMessage(order, orderCreatedMessage(order));

    expect(await orders.findById(order.id)).toEqual(order);
    const { rows } = await schema.pool.query(`select topic, payload from outbox where payload->>'orderId' = $1`, [order.id]);
    expect(rows).toEqual([{ topic: 'order-created', payload: expect.objectContaining({ orderId: order.id, total: order.total }) }]);
  });

  it('when the message cannot be written, then the order is not written either (one transaction)', async () => {
    const order = anOrder();
    const broken = { topic: null as unknown as string, payload: {}, eventId: randomUUID() };

    await expect(orders.insertWithMessage(order, broken)).rejects.toThrow(/null value/);

    expect(await orders.findById(order.id)).toBeUndefined();
    const { rows } = await schema.pool.query('select count(*)::int as n from order_items where order_id = $1', [order.id]);
    expect(rows[0].n).toBe(0);
  });

  it('when two status changes race, then exactly one wins (conditional update)', async () => {
    const order = anOrder();
    await orders.insertWithMessage(order, orderCreatedMessage(order));

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => orders.changeStatus(order.id, 'PENDING_PAYMENT', i % 2 ? 'PAID' : 'CANCELLED')),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('when the database cannot be reached, then a store call fails quickly with 503', async () => {
    const unreachable = createPool(`postgres://nobody:nothing@127.0.0.1:${await freePort()}/pasar`, 'order-test-unreachable');
    const started = Date.now();

    const error = await createOrdersRepository(unreachable)
      .findById(randomUUID())
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 503 });
    expect(Date.now() - started).toBeLessThan(3000);
    await unreachable.end();
  });
});
