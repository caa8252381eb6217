import { randomUUID } from 'node:crypto';
import { ProductChangedV1 } from '@pasar/contracts';
import { eventually, ownMongoDatabase } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductOutboxRelay } from '../../src/jobs/outbox-relay.ts';
import { productDomain, silentLogger } from '../support/domain.ts';
import { aProduct } from '../support/products.ts';

/**
 * The relay against a real store. Its `publish` is the seam to the Dapr sidecar; here it records
 * (and on demand fails), which is what the relay is tested around. The real sidecar is in e2e.
 */
const store = ownMongoDatabase('product_outbox');
let domain: Awaited<ReturnType<typeof productDomain>>;

beforeAll(async () => {
  domain = await productDomain(store.db);
});
afterAll(() => store.drop());

function relayRecording(options: { failFirst?: number; scanIntervalMs?: number } = {}) {
  const published: ProductChangedV1[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const relay = createProductOutboxRelay({
    outbox: domain.productOutbox,
    logger: silentLogger,
    pollIntervalMs: 50,
    scanIntervalMs: options.scanIntervalMs ?? 60_000,
    maxBackoffMs: 200,
    publish: async (message) => {
      if (failuresLeft-- > 0) throw new Error('the sidecar is not reachable');
      published.push(ProductChangedV1.parse(message));
    },
  });
  return { relay, published };
}

const pendingOf = async (id: string) => ((await store.db.collection('products').findOne({ _id: id as never }))?.outbox ?? []) as unknown[];

describe('the outbox relay', () => {
  it('when events are pending, then a pass publishes them in order, valid against the contract, and removes them', async () => {
    const product = await domain.products.create(aProduct({ stock: 3 }));
    await domain.products.update(product.id, { name: 'Setrika uap' });
    await domain.reservations.reserve(randomUUID(), [{ productId: product.id, quantity: 1 }]);
    const { relay, published } = relayRecording();

    await relay.publishPending();

    const mine = published.filter((m) => m.productId === product.id);
    expect(mine.map((m) => m.change)).toEqual(['created', 'updated', 'stock']);
    expect(mine.every((m) => m.revision === 3 && m.product?.name === 'Setrika uap' && m.product.stock === 2)).toBe(true);
    expect(new Set(mine.map((m) => m.eventId)).size).toBe(3);
    expect(await pendingOf(product.id)).toEqual([]);
  });

  it('when publishing fails, then the events stay pending and go out on a later pass', async () => {
    const product = await domain.products.create(aProduct());
    const { relay, published } = relayRecording({ failFirst: 1 });

    await expect(relay.publishPending()).rejects.toThrow('not reachable');
    expect(await pendingOf(product.id)).toHaveLength(1);

    await relay.publishPending();
    expect(published.filter((m) => m.productId === product.id).map((m) => m.change)).toEqual(['created']);
    expect(await pendingOf(product.id)).toEqual([]);
  });

  it('when the product was deleted before its events went out, then they go out as deleted, without a product', async () => {
    const product = await domain.products.create(aProduct());
    await domain.products.remove(product.id);
    const { relay, published } = relayRecording();

    await relay.publishPending();

    const mine = published.filter((m) => m.productId === product.id);
    expect(mine.map((m) => [m.change, m.product, m.revision])).toEqual([
      ['deleted', null, 2],
      ['deleted', null, 2],
    ]);
  });

  it('when nudged about a product, then a pass looks at that product only, and a scan finds the rest', async () => {
    const { relay, published } = relayRecording({ scanIntervalMs: 60_000 });
    await relay.publishPending(); // the first pass scans everything
    const [nudged, forgotten] = [await domain.products.create(aProduct()), await domain.products.create(aProduct())];

    relay.nudge(nudged.id);
    await relay.publishPending();

    expect(published.map((m) => m.productId)).toContain(nudged.id);
    expect(published.map((m) => m.productId)).not.toContain(forgotten.id);
    expect(await pendingOf(forgotten.id)).toHaveLength(1);

    const scanning = relayRecording({ scanIntervalMs: 0 });
    await scanning.relay.publishPending();
    expect(scanning.published.map((m) => m.productId)).toContain(forgotten.id);
  });

  it('when started, then it keeps publishing, backing off while publishing fails', async () => {
    const { relay, published } = relayRecording({ failFirst: 2 });
    relay.start();
    try {
      const product = await domain.products.create(aProduct());
      relay.nudge(product.id);

      await eventually(() => expect(published.map((m) => m.productId)).toContain(product.id));
    } finally {
      await relay.stop();
    }
  });
});
