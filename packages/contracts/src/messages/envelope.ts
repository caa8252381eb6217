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
