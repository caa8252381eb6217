import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { eventually } from '@pasar/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForOutboxNotifications } from '../src/outbox-notifications.ts';

/** A pg client that records its statements; the test breaks it like a lost connection would. */
class ListeningClient extends EventEmitter {
  readonly statements: string[] = [];
  released: Array<Error | undefined> = [];

  async query(text: string) {
    this.statements.push(text);
    return { rows: text.includes('current_schema()') ? [{ schema: 'ordering' }] : [] };
  }

  release(error?: Error) {
    this.released.push(error);
  }
}

describe('the outbox LISTEN connection', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => stop?.());

  it("when it is lost, then the broken client is discarded and a new one listens on the schema's channel again", async () => {
    const clients: ListeningClient[] = [];
    const pool = { connect: async () => clients[clients.push(new ListeningClient()) - 1] } as unknown as pg.Pool;
    let notified = 0;
    ({ stop } = listenForOutboxNotifications(pool, () => void notified++));
    await eventually(() => expect(clients[0]?.statements).toContain('listen "outbox_ordering"'));

    clients[0]!.emit('error', new Error('Connection terminated unexpectedly'));

    await eventually(() => expect(clients[1]?.statements).toContain('listen "outbox_ordering"'));
    expect(clients[0]!.released).toEqual([new Error('Connection terminated unexpectedly')]);
    clients[1]!.emit('notification', { channel: 'outbox_ordering' });
    clients[0]!.emit('notification', { channel: 'outbox_ordering' });
    expect(notified).toBe(1);
  });

  it('when the database cannot be reached at first, then it keeps trying until it listens', async () => {
    let attempts = 0;
    const client = new ListeningClient();
    const pool = {
      connect: async () => {
        if (++attempts < 3) throw new Error('connect ECONNREFUSED');
        return client;
      },
    } as unknown as pg.Pool;

    ({ stop } = listenForOutboxNotifications(pool, () => {}));

    await eventually(() => expect(client.statements).toContain('listen "outbox_ordering"'));
    expect(attempts).toBe(3);
  });
});
