import { randomUUID } from 'node:crypto';
import { startSubscriberApp, type AppUnderTest } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The kit's state store API against a real daprd and the Redis state store: create-if-absent is
 * what the email service's send-once claim stands on, so its answers are pinned here, not only
 * against a fake sidecar.
 */
describe('the Dapr state store through the kit, on a real sidecar', () => {
  let app: AppUnderTest;
  const store = () => app.dapr.stateStore<{ owner: string }>('statestore');

  beforeAll(async () => {
    app = await startSubscriberApp({ appId: `state-${randomUUID().slice(0, 8)}`, broker: 'redis', subscriptions: [] });
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('when a key holds nothing, then create stores the value and says true', async () => {
    const key = `claim-${randomUUID()}`;

    expect(await store().create(key, { owner: 'first' }, { ttlSeconds: 60 })).toBe(true);
    expect((await store().get(key))?.value).toEqual({ owner: 'first' });
  });

  it('when a key was created already, then a second create says false and the first value stays', async () => {
    const key = `claim-${randomUUID()}`;
    await store().create(key, { owner: 'first' }, { ttlSeconds: 60 });

    expect(await store().create(key, { owner: 'second' }, { ttlSeconds: 60 })).toBe(false);
    expect((await store().get(key))?.value).toEqual({ owner: 'first' });
  });

  it('when ten deliveries create one key at the same time, then exactly one of them wins', async () => {
    const key = `claim-${randomUUID()}`;

    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store().create(key, { owner: `delivery-${i}` }, { ttlSeconds: 60 })),
    );

    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('when a key was created, then a write over it must name its ETag: one without is refused, one with it is taken', async () => {
    const key = `claim-${randomUUID()}`;
    await store().create(key, { owner: 'first' });

    await expect(store().save(key, { owner: 'blind' })).rejects.toMatchObject({ status: 503 });
    await store().save(key, { owner: 'second' }, { etag: (await store().get(key))!.etag });
    expect((await store().get(key))?.value).toEqual({ owner: 'second' });
  });

  it('when a save names a stale ETag, then 409 and the newer value stays', async () => {
    const key = `claim-${randomUUID()}`;
    await store().create(key, { owner: 'first' });
    const read = await store().get(key);
    await store().save(key, { owner: 'second' }, { etag: read!.etag });

    await expect(store().save(key, { owner: 'third' }, { etag: read!.etag })).rejects.toMatchObject({ status: 409 });
    expect((await store().get(key))?.value).toEqual({ owner: 'second' });
  });
});
