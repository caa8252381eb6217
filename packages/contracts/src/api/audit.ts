// The audit trail of staff actions: each service that staff act on keeps its own and answers it on
// GET /admin/audit (behind the gateway's /api/admin/audit/<service>, for an admin token).
import { z } from 'zod';
import { Id, PageCursor, QueryInteger, Timestamp } from '../common.ts';
import { StaffRoles } from '../headers.ts';

/** The staff role the gateway passed on; `unknown` when a write came without one (a direct call, in tests). */
export const AuditActorRole = z.enum([...StaffRoles, 'unknown']);
export type AuditActorRole = z.infer<typeof AuditActorRole>;

/** A few facts about an action (the names of the fields changed, a new stock count), never a whole body. */
export const AuditDetails = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]));
export type AuditDetails = z.infer<typeof AuditDetails>;

/** One staff action that succeeded: who did what to which thing, and when. */
export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  /** The staff member the gateway vouched for; null when the call named none. */
  actorId: Id.nullable(),
  actorRole: AuditActorRole,
  action: z.string().describe('What was done, as `<thing>.<past tense>`: product.created, product.restocked, order.cancelled, ...'),
  /** What it was done to: a product's or an order's id, the catalog's index alias. */
  target: z.string(),
  details: AuditDetails.optional(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `<at, epoch ms>_<entry id>` */
export const AuditCursor = PageCursor('\\d{1,15}');

/** GET /admin/audit: the service's trail, newest first. */
export const ListAuditQuery = z.strictObject({
  limit: QueryInteger({ min: 1, max: 100 }).default(20),
  /** The nextCursor of the previous page. */
  cursor: AuditCursor.optional(),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
