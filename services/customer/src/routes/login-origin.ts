import type { Request } from 'express';
import type { LoginOrigin } from '../domain/login.ts';

/** The browser and address a login came from: the first X-Forwarded-For entry is the gateway's client. */
export function loginOriginOf(req: Request): LoginOrigin {
  const userAgent = req.get('user-agent')?.slice(0, 500);
  const ip = req.get('x-forwarded-for')?.split(',')[0]?.trim().slice(0, 64);
  return { ...(userAgent && { userAgent }), ...(ip && { ip }) };
}
