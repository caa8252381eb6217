import { CUSTOMER_ID_HEADER, Id } from '@pasar/contracts';
import { AppError } from './errors.ts';

/** What the caller functions read of a request: express's `req.get`. */
export interface HeaderSource {
  get(name: string): string | undefined;
}

/** The customer the gateway vouches for (it verified the JWT); undefined when none is named validly. */
export function optionalCallerIdOf(req: HeaderSource): string | undefined {
  const parsed = Id.safeParse(req.get(CUSTOMER_ID_HEADER));
  return parsed.success ? parsed.data : undefined;
}

/** The customer the gateway vouches for; a request without a valid one is unauthenticated (401). */
export function callerIdOf(req: HeaderSource): string {
  const customerId = optionalCallerIdOf(req);
  if (!customerId) throw AppError.unauthorized(`A valid ${CUSTOMER_ID_HEADER} header is required`);
  return customerId;
}
