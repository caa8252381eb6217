import { randomUUID } from 'node:crypto';
import { startAppWithSidecar, type AppUnderTest } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildService } from '../../src/app.ts';
import { productConfig, restThrough, startProductSystem, type ProductSystem } from '../support/product-app.ts';

/** A second product instance whose store address is a closed port: it must start, and answer 503 quickly. */
let system: ProductSystem;
let storeless: AppUnderTest;

beforeAll(async () => {
  system = await startProductSystem('down');
  storeless = await startAppWithSidecar({
    appId: `product-storeless-${randomUUID().slice(0, 8)}`,
    broker: 'redis',
    nameResolutionDb: system.nameResolutionDb,
    build: (deps) => buildService(productConfig('product_unreachable', 'mongodb://127.0.0.1:1'), deps),
  });
});
afterAll(async () => {
  await storeless?.stop();
  await system?.stop();
});

describe('when the product store is down', () => {
  it('then reading a product through Dapr is a 503 problem within a few seconds', async () => {
    const started = Date.now();

    const answer = await restThrough(system.caller, storeless.appId, 'GET', `/products/${randomUUID()}`);

    expect(answer.status).toBe(503);
    expect(answer.contentType).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('then /readyz is a 503 naming mongodb, within a few seconds', async () => {
    const started = Date.now();

    const response = await fetch(`${storeless.appUrl}/readyz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ checks: { mongodb: { ok: false }, 'dapr-sidecar': { ok: true } } });
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('then the internal RPCs are 503 too, while the instance with a store keeps answering', async () => {
    const answer = await restThrough(system.caller, storeless.appId, 'POST', '/internal/stock/reservations', {
      orderId: randomUUID(),
      items: [{ productId: randomUUID(), quantity: 1 }],
    });

    expect(answer.status).toBe(503);
    expect((await system.rest('GET', '/categories')).status).toBe(200);
  });
});
