import { z } from 'zod';
import { Id, Timestamp } from '../common.ts';

/**
 * Fields every message carries. `eventId` is the idempotency key consumers record (at-least-once
 * delivery means duplicates arrive); `version` lets a consumer refuse a shape it does not know.
 */
export function messageEnvelope<V extends number>(version: V) {
  return {
    eventId: Id,
    version: z.literal(version),
    occurredAt: Timestamp,
  };
}

export interface MessageEnvelope<V extends number> {
  eventId: string;
  version: V;
  occurredAt: string;
}

/**
 * The envelope of a message about to be published: a fresh event id, and now as the time it
 * happened, unless given (a publisher may know when it happened, or have chosen the id earlier).
 */
export function newEnvelope<V extends number>(version: V, given: { eventId?: string; occurredAt?: Date } = {}): MessageEnvelope<V> {
  return { eventId: given.eventId ?? crypto.randomUUID(), version, occurredAt: (given.occurredAt ?? new Date()).toISOString() };
}
