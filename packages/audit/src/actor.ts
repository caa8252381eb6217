import { STAFF_ROLE_HEADER, StaffRoles, type AuditActorRole, type StaffRole } from '@pasar/contracts';
import { optionalCallerIdOf, type HeaderSource } from '@pasar/service-kit';

/** Who did a staff action, as the gateway passed it on. */
export interface AuditActor {
  id: string | null;
  role: AuditActorRole;
}

/**
 * The staff member behind a request: the caller the gateway vouches for, and the role of their token.
 * Only the gateway's staff routes reach staff actions (Dapr's access control), so a request without
 * a role is a direct call (a test): it is recorded as `unknown` rather than refused.
 */
export function actorOf(req: HeaderSource): AuditActor {
  const role = req.get(STAFF_ROLE_HEADER);
  return { id: optionalCallerIdOf(req) ?? null, role: isStaffRole(role) ? role : 'unknown' };
}

function isStaffRole(value: string | undefined): value is StaffRole {
  return StaffRoles.includes(value as StaffRole);
}
