import { cursorOf, positionOfCursor } from '@pasar/contracts';
import type { TimelinePosition } from '../data-access/timeline-query.ts';

/** `<point time, ns>_<event id>`; the query schema (TimelineCursor) has checked its form. */
export function encodeCursor(position: TimelinePosition): string {
  return cursorOf(position.nanos, position.eventId);
}

export function decodeCursor(cursor: string): TimelinePosition {
  const { position, id } = positionOfCursor(cursor);
  return { nanos: BigInt(position), eventId: id };
}
