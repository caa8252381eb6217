import { randomUUID } from 'node:crypto';
import { eventually } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aNamedProduct, changePrice, searchedPrice, stack, startShop, stopShop } from './support/shop.ts';

/**
 * Elasticsearch stopped while products change: the catalog's deliveries fail and are redelivered
 * (components/shared/resiliency.yaml), so once it is back the search shows every last price.
 */
describe('the catalog while Elasticsearch is down', () => {
  beforeAll(() => startShop('redis'));
  afterAll(() => stopShop());

  it('when prices change during the outage, then the search shows each new price once Elasticsearch is back', async () => {
    const words = Array.from({ length: 5 }, () => `batik${randomUUID().slice(0, 6)}`);
    const ids = await Promise.all(words.map((word) => aNamedProduct(word)));
    await eventually(async () => expect(await Promise.all(words.map(searchedPrice))).toEqual(words.map(() => 350_000)), {
      timeoutMs: 30_000,
      intervalMs: 500,
    });

    await stack('down', 'elasticsearch');
    await Promise.all(ids.map((id, i) => changePrice(id, 300_000 + i * 1000)));
    const downAt = Date.now();
    await stack('up', 'elasticsearch');
    const upAt = Date.now();

    await eventually(async () => expect(await Promise.all(words.map(searchedPrice))).toEqual(words.map((_, i) => 300_000 + i * 1000)), {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    console.log(
      `catalog under an Elasticsearch outage of ${((upAt - downAt) / 1000).toFixed(1)} s: 5 of 5 price changes in the search ${((Date.now() - upAt) / 1000).toFixed(1)} s after it was back`,
    );
  });
});
