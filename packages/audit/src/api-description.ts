import { AuditPage, ListAuditQuery } from '@pasar/contracts';
import type { ApiOperation, ApiResponse } from '@pasar/service-kit';
import { AUDIT_PATH } from './routes.ts';

/**
 * GET /admin/audit as each service describes it, with the answer its store gives when it is down.
 * An admin route: the gateway leaves it out of its public document, as the other staff routes.
 */
export function auditOperation(storeDown: Record<number, ApiResponse>): ApiOperation {
  return {
    method: 'GET',
    path: AUDIT_PATH,
    summary: "The service's audit trail: the staff actions it carried out, who did them and when, newest first",
    tags: ['audit (admin)'],
    query: ListAuditQuery,
    responses: { 200: { description: 'A page of the trail', schema: AuditPage }, ...storeDown },
  };
}
