import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { messageEnvelope, newEnvelope } from '../src/messages/envelope.ts';

const EnvelopeV2 = z.object(messageEnvelope(2));

describe('newEnvelope', () => {
  it('when nothing is given, then each envelope has an event id of its own and the current time, and fits the envelope schema', () => {
    const before = Date.now();
    const [first, second] = [newEnvelope(2), newEnvelope(2)];

    expect(EnvelopeV2.parse(first)).toEqual(first);
    expect(first.eventId).not.toBe(second.eventId);
    expect(Date.parse(first.occurredAt)).toBeGreaterThanOrEqual(before);
  });

  it('when the event id and time are given, then the envelope carries them', () => {
    const given = { eventId: crypto.randomUUID(), occurredAt: new Date('2025-03-01T10:00:00Z') };

    expect(newEnvelope(1, given)).toEqual({ eventId: given.eventId, version: 1, occurredAt: '2025-03-01T10:00:00.000Z' });
  });
});
