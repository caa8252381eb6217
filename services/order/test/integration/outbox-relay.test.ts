import { randomUUID } from 'node:crypto';
import { inTransaction, insertOutboxMessage, startOutboxRelay, type OutboxPublisher } from '@pasar/postgres';
import { eventually, createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';

/** Records what it is asked to publish; fails while `down` is set (the broker path is cut). */
class RecordingPublisher implements OutboxPublisher {
  readonly published: string[] = [];
  down = false;
  async publishUnchecked(_topic: string, _data: unknown, eventId?: string) {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.down) throw new Error('the sidecar cannot be reached');
    this.published.push(eventId!);
  }
}

/** The outbox relay of @pasar/postgres against the order service's real schema. */
describe('the outbox relay', () => {
  let schema: ScratchSchema;

  beforeAll(async () => {
    schema = await createScratchSchema('ordering_outbox_test', { migrationsDirectory: MIGRATIONS_DIRECTORY, outbox: true });
  });

  afterAll(async () => {
    await schema?.drop();
  });

  beforeEach(async () => {
    await schema.pool.query('delete from outbox');
  });

  const addMessages = async (count: number) => {
    const ids = Array.from({ length: count }, () => randomUUID());
    await inTransaction(schema.pool, async (client) => {
      for (const eventId of ids) await insertOutboxMessage(client, { topic: 'test-topic', payload: { eventId }, eventId });
    });
    return ids;
  };

  it('when one relay runs in strict mode, then messages go out once each, in the order they were written', async () => {
    const publisher = new RecordingPublisher();
    const ids = await addMessages(120);

    const relay = startOutboxRelay({ pool: schema.pool, publisher, batchSize: 25, pollIntervalMs: 100 });
    try {
      await eventually(() => expect(publisher.published).toHaveLength(120));
    } finally {
      await relay.stop();
    }

    expect(publisher.published).toEqual(ids);
  });

  it('when two relays (replicas) share the table, then every message is published exactly once', async () => {
    const publishers = [new RecordingPublisher(), new RecordingPublisher()];
    const relays = publishers.map((publisher) =>
      startOutboxRelay({ pool: schema.pool, publisher, batchSize: 5, concurrency: 4, pollIntervalMs: 50 }),
    );
    const ids = await addMessages(200);

    try {
      await eventually(() => expect(publishers.flatMap((p) => p.published)).toHaveLength(200));
    } finally {
      await Promise.all(relays.map((relay) => relay.stop()));
    }

    expect(publishers.flatMap((p) => p.published).sort()).toEqual([...ids].sort());
    const { rows } = await schema.pool.query('select count(*)::int as unpublished from outbox where published_at is null');
    expect(rows[0].unpublished).toBe(0);
  });

  it('when publishing fails, then the row keeps its attempts and error, and it goes out once publishing works again', async () => {
    const publisher = new RecordingPublisher();
    publisher.down = true;
    const relay = startOutboxRelay({ pool: schema.pool, publisher, pollIntervalMs: 100, backoff: { initialMs: 20, maxMs: 200 } });
    try {
      const [eventId] = await addMessages(1);
      await eventually(async () => {
        const { rows } = await schema.pool.query('select attempts, last_error, published_at from outbox where event_id = $1', [eventId]);
        expect(rows[0]).toMatchObject({ published_at: null, last_error: 'the sidecar cannot be reached' });
        expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
      });

      publisher.down = false;

      await eventually(() => expect(publisher.published).toEqual([eventId]));
    } finally {
      await relay.stop();
    }
  });

  it('when the same event id is written twice, then it is kept once', async () => {
    const eventId = randomUUID();
    await inTransaction(schema.pool, async (client) => {
      await insertOutboxMessage(client, { topic: 't', payload: {}, eventId });
      await insertOutboxMessage(client, { topic: 't', payload: {}, eventId });
    });

    const { rows } = await schema.pool.query('select count(*)::int as n from outbox where event_id = $1', [eventId]);
    expect(rows[0].n).toBe(1);
  });
});
