import { AppError } from '@pasar/service-kit';
import { jwtVerify } from 'jose';
import { z } from 'zod';

export interface TokenVerifier {
  /** The customer id of a valid bearer token; a missing, malformed, expired or forged one -> 401. */
  customerIdOf(authorization: string | undefined): Promise<string>;
}

export function createTokenVerifier(secret: string, issuer: string): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return {
    async customerIdOf(authorization) {
      const token = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization ?? '')?.[1];
      if (!token) throw AppError.unauthorized('A bearer token is required');
      try {
        const { payload } = await jwtVerify(token, key, { issuer, algorithms: ['HS256'] });
        return z.uuid().parse(payload.sub);
      } catch {
        throw AppError.unauthorized('The token is invalid or expired');
      }
    },
  };
}
