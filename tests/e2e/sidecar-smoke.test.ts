import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf } from '@pasar/contracts';
import { AppError, createServiceApp, DropMessage, sidecarCheck, subscribeWithSchema } from '@pasar/service-kit';
import { brokers, eventually, startAppWithSidecar, startSubscriberApp, waitForSubscriptions, type AppUnderTest } from '@pasar/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * The foundation's promise, over real daprd sidecars and a real broker: RPC through service
 * invocation, and pub/sub where a failing handler gets the message again and an invalid one ends
 * in the dead-letter topic. The same suite runs on each broker, switching only the component.
 */
describe.each(brokers)('two apps beside their own sidecars, over %s', (broker) => {
  const run = randomUUID().slice(0, 8);
  const topics = { plain: `smoke-${run}-plain`, flaky: `smoke-${run}-flaky`, strict: `smoke-${run}-strict` };
  const Ping = z.object({ eventId: z.uuid(), n: z.number().int() });
  type Ping = z.infer<typeof Ping>;

  const received = { plain: [] as Ping[], flakyAttempts: new Map<string, number>(), strict: [] as Ping[], deadLetters: [] as unknown[] };
  let receiver: AppUnderTest;
  let caller: AppUnderTest;

  beforeAll(async () => {
    receiver = await startAppWithSidecar({
      appId: `smoke-receiver-${run}`,
      broker,
      build: ({ logger, dapr }) => {
        const routes = express.Router();
        routes.get('/echo/:word', (req, res) => void res.json({ word: req.params.word, traceparent: req.headers.traceparent ?? null }));
        routes.get('/teapot', () => {
          throw new AppError(418, "I'm a teapot", { detail: 'short and stout' });
        });
        return {
          app: createServiceApp({
            logger,
            readiness: [sidecarCheck(dapr)],
            routes,
            subscriptions: [
              subscribeWithSchema(topics.plain, Ping, async (m) => void received.plain.push(m)),
              subscribeWithSchema(topics.flaky, Ping, async (m) => {
                const attempt = (received.flakyAttempts.get(m.eventId) ?? 0) + 1;
                received.flakyAttempts.set(m.eventId, attempt);
                if (attempt === 1) throw new Error('a transient failure on the first attempt');
              }),
              subscribeWithSchema(topics.strict, Ping, async (m) => {
                if (m.n < 0) throw new DropMessage('negative numbers can never be handled');
                received.strict.push(m);
              }),
              subscribeWithSchema(deadLetterTopicOf(topics.strict), z.unknown(), async (m) => void received.deadLetters.push(m), {
                deadLetterTopic: false,
              }),
            ],
          }),
        };
      },
    });
    caller = await startSubscriberApp({ appId: `smoke-caller-${run}`, broker, subscriptions: [] });
    await waitForSubscriptions(receiver, 4);
  });

  afterAll(async () => {
    await caller?.stop();
    await receiver?.stop();
  });

  it('when the caller invokes the receiver through its sidecar, then it gets the answer with a trace header', async () => {
    const response = await caller.dapr.invokeRaw(receiver.appId, 'GET', '/echo/halo');

    expect(response.status).toBe(200);
    const body = (await response.json()) as { word: string; traceparent: string | null };
    expect(body.word).toBe('halo');
    expect(body.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it("when the receiver answers a problem, then the caller gets the receiver's status and problem+json", async () => {
    const response = await caller.dapr.invokeRaw(receiver.appId, 'GET', '/teapot');

    expect(response.status).toBe(418);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 418, detail: 'short and stout' });
  });

  it('when a message is published, then the subscriber receives it once, with the event id as its CloudEvent id', async () => {
    const message = { eventId: randomUUID(), n: 1 };

    await caller.dapr.publishUnchecked(topics.plain, message, message.eventId);

    await eventually(() => expect(received.plain).toContainEqual(message));
  });

  it('when the handler fails the first time, then the message comes again and succeeds (RETRY)', async () => {
    const message = { eventId: randomUUID(), n: 2 };

    await caller.dapr.publishUnchecked(topics.flaky, message, message.eventId);

    await eventually(() => expect(received.flakyAttempts.get(message.eventId)).toBe(2), { timeoutMs: 30_000 });
  });

  it('when a payload does not match the schema, then it goes to the dead-letter topic, not the handler', async () => {
    const invalid = { eventId: randomUUID(), n: 'not a number' };

    await caller.dapr.publishUnchecked(topics.strict, invalid, invalid.eventId);

    await eventually(() => expect(received.deadLetters).toContainEqual(invalid), { timeoutMs: 30_000 });
    expect(received.strict.map((m) => m.eventId)).not.toContain(invalid.eventId);
  });

  it('when the handler says the message can never succeed, then it goes to the dead-letter topic (DROP)', async () => {
    const poison = { eventId: randomUUID(), n: -1 };

    await caller.dapr.publishUnchecked(topics.strict, poison, poison.eventId);

    await eventually(() => expect(received.deadLetters).toContainEqual(poison), { timeoutMs: 30_000 });
  });

  it('when the invoked app does not exist, then the caller gets a 503 quickly, not a hang', async () => {
    const started = Date.now();
    const error = await caller.dapr
      .invoke(
        {
          name: 'nobody.hello',
          appId: `nobody-${run}` as never,
          method: 'GET',
          path: '/hello',
          params: z.object({}),
          body: z.undefined(),
          response: z.unknown(),
        },
        {},
      )
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
