import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf } from '@pasar/contracts';
import { currentContext, runWithContext, subscribeWithSchema } from '@pasar/service-kit';
import { brokers, eventually, startSubscriberApp, type AppUnderTest } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * Pub/sub with the kit on the Dapr SDK, over real sidecars and a real broker: messages go out
 * through the SDK's publish, and a handler that throws is never acknowledged (the trap of
 * dapr/js-sdk#720): it gets the message again, and when it keeps failing, the message ends in the
 * dead-letter topic once the sidecar's delivery retries (components/shared/resiliency.yaml) run out.
 */
describe.each(brokers)('pub/sub through the Dapr SDK, over %s', (broker) => {
  const run = randomUUID().slice(0, 8);
  const topics = { flaky: `sdk-${run}-flaky`, failing: `sdk-${run}-failing`, traced: `sdk-${run}-traced` };
  const Ping = z.object({ eventId: z.uuid() });

  const attempts = new Map<string, number>();
  const deadLetters: unknown[] = [];
  const traces = new Map<string, string | undefined>();
  const countAttempt = (eventId: string) => {
    const attempt = (attempts.get(eventId) ?? 0) + 1;
    attempts.set(eventId, attempt);
    return attempt;
  };
  let receiver: AppUnderTest;
  let publisher: AppUnderTest;

  beforeAll(async () => {
    receiver = await startSubscriberApp({
      appId: `sdk-receiver-${run}`,
      broker,
      subscriptions: [
        subscribeWithSchema(topics.flaky, Ping, async (m) => {
          if (countAttempt(m.eventId) <= 2) throw new Error('a transient failure');
        }),
        subscribeWithSchema(topics.failing, Ping, async (m) => {
          countAttempt(m.eventId);
          throw new Error('a failure that never passes');
        }),
        subscribeWithSchema(topics.traced, Ping, async (m) => void traces.set(m.eventId, currentContext()?.traceparent)),
        subscribeWithSchema(deadLetterTopicOf(topics.failing), z.unknown(), async (m) => void deadLetters.push(m), {
          deadLetterTopic: false,
        }),
      ],
    });
    publisher = await startSubscriberApp({ appId: `sdk-publisher-${run}`, broker, subscriptions: [] });
    await eventually(async () => expect((await receiver.dapr.metadata()).subscriptions?.length ?? 0).toBeGreaterThanOrEqual(4));
  });

  afterAll(async () => {
    await publisher?.stop();
    await receiver?.stop();
  });

  it('when the handler throws twice, then the message comes a third time and is handled (RETRY, never SUCCESS)', async () => {
    const message = { eventId: randomUUID() };

    await publisher.dapr.publishUnchecked(topics.flaky, message, message.eventId);

    await eventually(() => expect(attempts.get(message.eventId)).toBe(3), { timeoutMs: 30_000 });
  });

  it('when the handler keeps throwing, then the message is retried and ends in the dead-letter topic', { timeout: 120_000 }, async () => {
    const message = { eventId: randomUUID() };

    await publisher.dapr.publishUnchecked(topics.failing, message, message.eventId);

    await eventually(() => expect(deadLetters).toContainEqual(message), { timeoutMs: 100_000, intervalMs: 500 });
    expect(attempts.get(message.eventId)).toBeGreaterThan(1);
  });

  it('when a message is published while handling a request, then its handler runs in the same trace', async () => {
    const message = { eventId: randomUUID() };
    const traceId = randomUUID().replaceAll('-', '');

    await runWithContext({ requestId: 'sdk-trace', traceparent: `00-${traceId}-${'1'.repeat(16)}-01` }, () =>
      publisher.dapr.publishUnchecked(topics.traced, message, message.eventId),
    );

    await eventually(() => expect(traces.get(message.eventId)?.split('-')[1]).toBe(traceId));
  });
});
