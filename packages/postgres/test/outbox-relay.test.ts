import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { eventually } from '@pasar/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startOutboxRelay, type OutboxPublisher, type OutboxRelay } from '../src/outbox-relay.ts';

/** A pg client that answers the relay's statements from memory and, like pg, refuses a second release. */
class FakeClient extends EventEmitter {
  readonly statements: string[] = [];
  releases = 0;
  private readonly rows: Array<{ id: string; topic: string; payload: unknown; event_id: string }>;

  constructor(rows: Array<{ id: string; topic: string; payload: unknown; event_id: string }>) {
    super();
    this.rows = rows;
  }

  async query(text: string) {
    if (this.releases > 0) throw new Error('query on a released client');
    this.statements.push(text.trim().split(/\s+/, 1)[0]!.toLowerCase());
    if (text.includes('current_schema()')) return { rows: [{ schema: 'order' }] };
    if (text.startsWith('select id, topic')) return { rows: this.rows.splice(0) };
    return { rows: [] };
  }

  release() {
    if (++this.releases > 1) throw new Error('Release called on client which has already been released to the pool.');
  }
}

function fakePool(rowsPerBatch: () => FakeClient['rows']) {
  const clients: FakeClient[] = [];
  const pool = {
    async connect() {
      const client = new FakeClient(rowsPerBatch());
      clients.push(client);
      return client;
    },
  };
  return { pool: pool as unknown as pg.Pool, batchClients: () => clients.filter((c) => c.statements.includes('begin')) };
}

const row = (id: string) => ({ id, topic: 'order-created', payload: { id }, event_id: `event-${id}` });
const failingPublisher: OutboxPublisher = {
  async publishUnchecked() {
    throw new Error('the sidecar answered 500');
  },
};

describe('the outbox relay when a publish fails', () => {
  let relay: OutboxRelay | undefined;
  afterEach(async () => relay?.stop());

  it('when the broker refuses a message, then the batch is committed with the error and its connection released once', async () => {
    const { pool, batchClients } = fakePool(() => [row('1'), row('2')]);
    const errors: unknown[] = [];

    relay = startOutboxRelay({
      pool,
      publisher: failingPublisher,
      backoff: { initialMs: 5 },
      logger: { info() {}, warn: (details) => errors.push(details) },
    });

    await eventually(() => expect(batchClients().length).toBeGreaterThanOrEqual(3));
    for (const client of batchClients()) {
      expect(client.statements).toEqual(['begin', 'select', 'update', 'commit']);
      expect(client.releases).toBe(1);
    }
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('when the database fails in the middle of a batch, then it rolls back and releases the connection once', async () => {
    const { pool, batchClients } = fakePool(() => [row('1')]);
    const publisher: OutboxPublisher = { async publishUnchecked() {} };
    const brokenCommit = pool.connect.bind(pool);
    (pool as unknown as { connect: () => Promise<FakeClient> }).connect = async () => {
      const client = (await brokenCommit()) as unknown as FakeClient;
      const query = client.query.bind(client);
      client.query = async (text: string) => (text === 'commit' ? Promise.reject(new Error('connection terminated')) : query(text));
      return client;
    };

    relay = startOutboxRelay({ pool, publisher, backoff: { initialMs: 5 } });

    await eventually(() => expect(batchClients().length).toBeGreaterThanOrEqual(2));
    for (const client of batchClients()) {
      expect(client.statements.at(-1)).toBe('rollback');
      expect(client.releases).toBe(1);
    }
  });
});
