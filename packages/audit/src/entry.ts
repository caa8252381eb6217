import { randomUUID } from 'node:crypto';
import type { AuditDetails, AuditEntry } from '@pasar/contracts';
import type { AuditActor } from './actor.ts';

/** What was done to what: `{ action: 'product.restocked', target: productId, details: { stock: 40 } }`. */
export interface AuditedAction {
  action: string;
  target: string;
  details?: AuditDetails;
}

/** The entry of an action `actor` did just now. */
export function newAuditEntry(actor: AuditActor, { action, target, details }: AuditedAction, at = new Date()): AuditEntry {
  return { id: randomUUID(), at: at.toISOString(), actorId: actor.id, actorRole: actor.role, action, target, ...(details && { details }) };
}
