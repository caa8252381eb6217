import { CUSTOMER_ID_HEADER, Id } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { Request } from 'express';

/** The customer the gateway vouches for (it verified the JWT); anything else is unauthenticated. */
export function callerIdOf(req: Request): string {
  const parsed = Id.safeParse(req.get(CUSTOMER_ID_HEADER));
  if (!parsed.success) throw AppError.unauthorized(`A valid ${CUSTOMER_ID_HEADER} header is required`);
  return parsed.data;
}
