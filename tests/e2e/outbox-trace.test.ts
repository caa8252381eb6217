import { randomUUID } from 'node:crypto';
import { inTransaction, insertOutboxMessage, migrateOutbox, startOutboxRelay, type OutboxRelay } from '@pasar/postgres';
import { currentTraceContext, DaprClient, runWithContext, subscribeWithSchema } from '@pasar/service-kit';
import {
  createScratchSchema,
  eventually,
  freePort,
  startSubscriberApp,
  waitForSubscriptions,
  type AppUnderTest,
  type ScratchSchema,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const TRACE_ID = randomUUID().replaceAll('-', '');
const WRITER_TRACEPARENT = `00-${TRACE_ID}-b7ad6b7169203331-01`;

/** An outbox message keeps the trace of the request that wrote it, whichever relay publishes it and when. */
describe('the outbox and the trace', () => {
  const topic = `outbox-trace-${randomUUID().slice(0, 8)}`;
  const received: Array<{ n: number; traceparent: string | undefined }> = [];
  let schema: ScratchSchema;
  let watcher: AppUnderTest;
  let firstRelay: OutboxRelay | undefined;
  let secondRelay: OutboxRelay | undefined;

  beforeAll(async () => {
    schema = await createScratchSchema('outbox_trace');
    await migrateOutbox(schema.pool);
    watcher = await startSubscriberApp({
      appId: `trace-watch-${randomUUID().slice(0, 8)}`,
      broker: 'redis',
      subscriptions: [
        subscribeWithSchema(topic, z.object({ n: z.number() }), async ({ n }) => {
          received.push({ n, traceparent: currentTraceContext().traceparent });
        }),
      ],
    });
    await waitForSubscriptions(watcher, 1);
  });

  afterAll(async () => {
    await firstRelay?.stop();
    await secondRelay?.stop();
    await watcher?.stop();
    await schema?.drop();
  });

  const outboxRow = async () =>
    (await schema.pool.query<{ traceparent: string | null; attempts: number; published_at: Date | null }>(`select * from outbox`)).rows[0];

  it('when the relay restarts before publishing, then the message still goes out in the trace of the request that wrote it', async () => {
    const unreachableSidecar = new DaprClient({ host: '127.0.0.1', httpPort: await freePort(), timeoutMs: 500 });
    firstRelay = startOutboxRelay({ pool: schema.pool, publisher: unreachableSidecar, backoff: { initialMs: 50, maxMs: 200 } });

    await runWithContext({ requestId: randomUUID(), traceparent: WRITER_TRACEPARENT }, () =>
      inTransaction(schema.pool, (client) => insertOutboxMessage(client, { topic, payload: { n: 1 }, eventId: randomUUID() })),
    );
    await eventually(async () => expect((await outboxRow())?.attempts).toBeGreaterThan(0));
    await firstRelay.stop();
    expect(await outboxRow()).toMatchObject({ traceparent: WRITER_TRACEPARENT, published_at: null });

    secondRelay = startOutboxRelay({ pool: schema.pool, publisher: watcher.dapr });

    await eventually(() => expect(received).toHaveLength(1), { timeoutMs: 20_000 });
    expect(received[0]!.traceparent?.split('-')[1]).toBe(TRACE_ID);
  });
});
