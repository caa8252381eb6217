import { DaprPubSubStatusEnum } from '@dapr/dapr';
import type { DaprPubSubType } from '@dapr/dapr/types/pubsub/DaprPubSub.type.js';
import { MessageSchemas, PUBSUB_NAME, deadLetterTopicOf, type MessageOf, type Topic } from '@pasar/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { fieldErrorsOf } from './errors.ts';
import { countHandled } from './metrics.ts';
import { inSpan, SpanKind } from './telemetry/trace-context.ts';

/** Dapr's pub/sub delivery outcomes (HTTP 200 with this status in the body). */
export type DeliveryStatus = DaprPubSubStatusEnum;

/** Throw this from a handler when the message can never succeed: Dapr moves it to the dead-letter topic. */
export class DropMessage extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'DropMessage';
  }
}

export interface MessageContext {
  /** The CloudEvent id: the event id when the publisher set it. */
  cloudEventId: string | undefined;
  topic: string;
  logger: Logger;
}

export interface Subscription<T = unknown> {
  pubsubName: string;
  topic: string;
  route: string;
  deadLetterTopic: string | undefined;
  schema: z.ZodType<T>;
  handle: (message: T, context: MessageContext) => Promise<void>;
}

/** Subscribes to a topic of the design; the payload is validated with that topic's schema. */
export function subscribe<T extends Topic>(
  topic: T,
  handle: (message: MessageOf<T>, context: MessageContext) => Promise<void>,
  options: { deadLetterTopic?: string | false; pubsubName?: string } = {},
): Subscription<MessageOf<T>> {
  return subscribeWithSchema(topic, MessageSchemas[topic] as unknown as z.ZodType<MessageOf<T>>, handle, options);
}

/** Subscribes to any topic with a schema of your own (tests, internal topics). */
export function subscribeWithSchema<T>(
  topic: string,
  schema: z.ZodType<T>,
  handle: (message: T, context: MessageContext) => Promise<void>,
  options: { deadLetterTopic?: string | false; pubsubName?: string } = {},
): Subscription<T> {
  return {
    pubsubName: options.pubsubName ?? PUBSUB_NAME,
    topic,
    route: `/events/${encodeURIComponent(topic)}`,
    deadLetterTopic: options.deadLetterTopic === false ? undefined : (options.deadLetterTopic ?? deadLetterTopicOf(topic)),
    schema,
    handle,
  };
}

/**
 * Runs one delivery and decides its outcome explicitly, so no failure is ever acknowledged:
 * handled -> SUCCESS; payload that does not match the schema, or DropMessage -> DROP (dead letter);
 * any other error -> RETRY (Dapr redelivers, after its resiliency retries).
 */
export async function deliver<T>(subscription: Subscription<T>, cloudEvent: unknown, logger: Logger): Promise<DeliveryStatus> {
  const event = (cloudEvent ?? {}) as { id?: unknown; data?: unknown };
  const cloudEventId = typeof event.id === 'string' ? event.id : undefined;
  const attributes = {
    'messaging.system': 'dapr',
    'messaging.destination.name': subscription.topic,
    ...(cloudEventId && { 'messaging.message.id': cloudEventId }),
  };
  const status = await inSpan(`process ${subscription.topic}`, { kind: SpanKind.CONSUMER, attributes }, () =>
    outcomeOf(subscription, event, cloudEventId, logger),
  );
  countHandled(subscription.topic, status);
  return status;
}

async function outcomeOf<T>(
  subscription: Subscription<T>,
  event: { data?: unknown },
  cloudEventId: string | undefined,
  logger: Logger,
): Promise<DeliveryStatus> {
  const log = logger.child({ topic: subscription.topic, cloudEventId });
  const parsed = subscription.schema.safeParse(event.data);
  if (!parsed.success) {
    log.warn({ errors: fieldErrorsOf(parsed.error) }, 'message does not match its schema: dropped to the dead-letter topic');
    return DaprPubSubStatusEnum.DROP;
  }
  try {
    await subscription.handle(parsed.data, { cloudEventId, topic: subscription.topic, logger: log });
    return DaprPubSubStatusEnum.SUCCESS;
  } catch (error) {
    if (error instanceof DropMessage) {
      log.warn({ reason: error.message }, 'message dropped to the dead-letter topic');
      return DaprPubSubStatusEnum.DROP;
    }
    log.error({ err: error }, 'message handler failed: asking Dapr to redeliver');
    return DaprPubSubStatusEnum.RETRY;
  }
}

/** The body of GET /dapr/subscribe (programmatic subscriptions). */
export function subscriptionManifest(
  subscriptions: Array<Pick<Subscription, 'pubsubName' | 'topic' | 'route' | 'deadLetterTopic'>>,
): DaprPubSubType[] {
  return subscriptions.map((s) => ({
    pubsubname: s.pubsubName,
    topic: s.topic,
    route: s.route,
    ...(s.deadLetterTopic && { deadLetterTopic: s.deadLetterTopic }),
  }));
}
