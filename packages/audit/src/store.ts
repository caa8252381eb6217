import type { AuditEntry } from '@pasar/contracts';

/** Where an entry stands in the trail, which runs newest first: by time, then by id, both descending. */
export interface AuditPosition {
  at: Date;
  id: string;
}

/** A service's trail, in the service's own store. */
export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** At most `limit` entries in the trail's order, those after `after` when it is given. */
  page(limit: number, after?: AuditPosition): Promise<AuditEntry[]>;
}

export function positionOf(entry: AuditEntry): AuditPosition {
  return { at: new Date(entry.at), id: entry.id };
}

/** Negative when `a` comes first in the trail (it is newer, or as new with the greater id). */
export function trailOrder(a: AuditPosition, b: AuditPosition): number {
  return b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
