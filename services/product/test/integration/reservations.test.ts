import { randomUUID } from 'node:crypto';
import { ownMongoDatabase } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveMark } from '../../src/data-access/product-stock-repository.ts';
import { pendingEvent } from '../../src/domain/product-events.ts';
import { productDomain } from '../support/domain.ts';
import { fieldsOf, rejection } from '../support/errors.ts';
import { aProduct } from '../support/products.ts';

const store = ownMongoDatabase('product_reservations');
let domain: Awaited<ReturnType<typeof productDomain>>;

beforeAll(async () => {
  domain = await productDomain(store.db, { leaseMs: 200 });
});
afterAll(() => store.drop());

const stockOf = async (id: string) => (await domain.products.get(id)).stock;
const productWithStock = async (stock: number) => (await domain.products.create(aProduct({ stock }))).id;
const marksOf = async (id: string) => {
  await domain.marks.sweep();
  return marksNow(id);
};
const marksNow = async (id: string) =>
  ((await store.db.collection('products').findOne({ _id: id as never }))?.stockMarks ?? []) as string[];

describe('stock reservations against FerretDB', () => {
  it('when 50 orders reserve 1 unit each of a product with 20 at once, then exactly 20 succeed and stock ends at 0', async () => {
    const productId = await productWithStock(20);

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => domain.reservations.reserve(randomUUID(), [{ productId, quantity: 1 }])),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    expect(outcomes.filter((o) => o.status === 'rejected').every((o) => (o.reason as { status?: number }).status === 409)).toBe(true);
    expect(await stockOf(productId)).toBe(0);
  });

  it('when the same order is reserved twice (also at once), then stock changes once and both answers succeed', async () => {
    const productId = await productWithStock(5);
    const orderId = randomUUID();

    await Promise.all([
      domain.reservations.reserve(orderId, [{ productId, quantity: 2 }]),
      domain.reservations.reserve(orderId, [{ productId, quantity: 2 }]),
    ]);
    await domain.reservations.reserve(orderId, [{ productId, quantity: 2 }]);

    expect(await stockOf(productId)).toBe(3);
    expect(await marksOf(productId)).toEqual([]);
  });

  it('when one line of an order lacks stock, then no stock is kept, the 409 names that line, and a retry answers the same', async () => {
    const [plenty, scarce] = [await productWithStock(10), await productWithStock(1)];
    const orderId = randomUUID();
    const items = [
      { productId: plenty, quantity: 3 },
      { productId: scarce, quantity: 2 },
    ];

    const error = await rejection(domain.reservations.reserve(orderId, items), 409);
    expect(fieldsOf(error)).toEqual(['items.1.productId']);
    expect(error.message).toContain(scarce);
    expect([await stockOf(plenty), await stockOf(scarce)]).toEqual([10, 1]);

    expect(fieldsOf(await rejection(domain.reservations.reserve(orderId, items), 409))).toEqual(['items.1.productId']);
    expect([await stockOf(plenty), await stockOf(scarce)]).toEqual([10, 1]);
  });

  it('when a line names an unknown, deleted or inactive product, then the order is refused with 409', async () => {
    const deleted = await productWithStock(5);
    await domain.products.remove(deleted);
    const inactive = (await domain.products.create(aProduct({ stock: 5, active: false }))).id;

    for (const productId of [randomUUID(), deleted, inactive]) {
      await rejection(domain.reservations.reserve(randomUUID(), [{ productId, quantity: 1 }]), 409);
    }
    expect(await stockOf(inactive)).toBe(5);
  });

  it('when an order lists a product twice, then the quantities add up', async () => {
    const productId = await productWithStock(5);

    await domain.reservations.reserve(randomUUID(), [
      { productId, quantity: 1 },
      { productId, quantity: 3 },
    ]);

    expect(await stockOf(productId)).toBe(1);
  });

  it('when an order is reserved again with other items, then it is a 409 and stock is unchanged', async () => {
    const productId = await productWithStock(5);
    const orderId = randomUUID();
    await domain.reservations.reserve(orderId, [{ productId, quantity: 1 }]);

    await rejection(domain.reservations.reserve(orderId, [{ productId, quantity: 2 }]), 409);

    expect(await stockOf(productId)).toBe(4);
  });

  it('when an order is released twice, then its stock comes back once', async () => {
    const [a, b] = [await productWithStock(5), await productWithStock(5)];
    const orderId = randomUUID();
    await domain.reservations.reserve(orderId, [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 5 },
    ]);

    await domain.reservations.release(orderId);
    await domain.reservations.release(orderId);

    expect([await stockOf(a), await stockOf(b)]).toEqual([5, 5]);
    expect([...(await marksOf(a)), ...(await marksOf(b))]).toEqual([]);
  });

  it('when an unknown order is released, then nothing changes and a late reservation of it is refused', async () => {
    const productId = await productWithStock(5);
    const orderId = randomUUID();

    await domain.reservations.release(orderId);
    await rejection(domain.reservations.reserve(orderId, [{ productId, quantity: 1 }]), 409);

    expect(await stockOf(productId)).toBe(5);
  });

  it('when a reservation crashed after taking a line, then a retry after its lease resumes without taking it twice', async () => {
    const [a, b] = [await productWithStock(5), await productWithStock(5)];
    const orderId = randomUUID();
    const lines = [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 1 },
    ];
    await crashedAfterFirstLine(orderId, lines);

    await rejection(domain.reservations.reserve(orderId, lines), 503); // still leased: in progress
    await expireLease(orderId);
    await domain.reservations.reserve(orderId, lines);

    expect([await stockOf(a), await stockOf(b)]).toEqual([3, 4]);
    expect((await domain.reservationStore.find(orderId))?.status).toBe('RESERVED');
    expect(await marksOf(a)).toEqual([]);
  });

  it('when a crashed reservation is released instead, then what it took comes back', async () => {
    const [a, b] = [await productWithStock(5), await productWithStock(5)];
    const orderId = randomUUID();
    const lines = [
      { productId: a, quantity: 2 },
      { productId: b, quantity: 1 },
    ];
    await crashedAfterFirstLine(orderId, lines);
    await expireLease(orderId);

    await domain.reservations.release(orderId);

    expect([await stockOf(a), await stockOf(b)]).toEqual([5, 5]);
    expect((await domain.reservationStore.find(orderId))?.status).toBe('RELEASED');
    expect(await marksOf(a)).toEqual([]);
  });
});

/** What a process that died right after its first stock update leaves behind. */
async function crashedAfterFirstLine(orderId: string, lines: Array<{ productId: string; quantity: number }>): Promise<void> {
  await domain.reservationStore.insert(orderId, 'PENDING', lines, 60_000);
  expect(await domain.stockStore.reserveLine(orderId, lines[0]!, pendingEvent('stock'))).toBe('applied');
  expect(await marksNow(lines[0]!.productId)).toEqual([reserveMark(orderId)]);
}

async function expireLease(orderId: string): Promise<void> {
  await store.db.collection('reservations').updateOne({ _id: orderId as never }, { $set: { leaseUntil: new Date(0) } });
}
