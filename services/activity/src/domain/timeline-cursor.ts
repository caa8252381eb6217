import { AppError } from '@pasar/service-kit';
import { z } from 'zod';
import type { TimelinePosition } from '../data-access/timeline-query.ts';

/** The cursor is opaque to clients: base64url of the last entry's point time (ns) and event id. */
const CursorPayload = z.object({ t: z.string().regex(/^\d{1,19}$/), e: z.uuid() });

export function encodeCursor(position: TimelinePosition): string {
  return Buffer.from(JSON.stringify({ t: position.nanos.toString(), e: position.eventId })).toString('base64url');
}

export function decodeCursor(cursor: string): TimelinePosition {
  const payload = CursorPayload.safeParse(parseJson(Buffer.from(cursor, 'base64url').toString('utf8')));
  if (!payload.success) {
    throw AppError.badRequest('Invalid request query: query.cursor', [{ field: 'query.cursor', message: 'is not a cursor this API issued' }]);
  }
  return { nanos: BigInt(payload.data.t), eventId: payload.data.e };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
