import { StaffRoles, type StaffRole } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import { jwtVerify } from 'jose';
import { z } from 'zod';

/** Who a valid token speaks for: a customer, or a member of staff with a role. */
export interface Caller {
  customerId: string;
  role?: StaffRole;
}

export interface TokenVerifier {
  /** The caller of a valid bearer token; a missing, malformed, expired or forged one, or an unknown role -> 401. */
  callerOf(authorization: string | undefined): Promise<Caller>;
}

const Claims = z.object({ sub: z.uuid(), role: z.enum(StaffRoles).optional() });

export function createTokenVerifier(secret: string, issuer: string): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return {
    async callerOf(authorization) {
      const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
      if (!token) throw AppError.unauthorized('A bearer token is required');
      try {
        const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] });
        const { sub, role } = Claims.parse(payload);
        return { customerId: sub, ...(role && { role }) };
      } catch {
        throw AppError.unauthorized('The token is invalid or expired');
      }
    },
  };
}

/** Whether a caller may use a route of this access level: 401 without a valid token, 403 without the role. */
export function authorize(access: 'staff' | 'admin', caller: Caller): void {
  const allowed = access === 'staff' ? caller.role !== undefined : caller.role === 'admin';
  if (!allowed) throw new AppError(403, 'Forbidden', { detail: `This route is for ${access === 'admin' ? 'admins' : 'staff'} only` });
}
