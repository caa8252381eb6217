import { CUSTOMER_ID_HEADER, Id } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { Request } from 'express';
import type { LoginOrigin } from '../domain/login.ts';

/** The customer the gateway vouches for (it verified the JWT); anything else is unauthenticated. */
export function callerIdOf(req: Request): string {
  const parsed = Id.safeParse(req.get(CUSTOMER_ID_HEADER));
  if (!parsed.success) throw AppError.unauthorized(`A valid ${CUSTOMER_ID_HEADER} header is required`);
  return parsed.data;
}

/** The browser and address a login came from: the first X-Forwarded-For entry is the gateway's client. */
export function loginOriginOf(req: Request): LoginOrigin {
  const userAgent = req.get('user-agent')?.slice(0, 500);
  const ip = req.get('x-forwarded-for')?.split(',')[0]?.trim().slice(0, 64);
  return { ...(userAgent && { userAgent }), ...(ip && { ip }) };
}
