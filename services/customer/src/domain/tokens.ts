import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@pasar/contracts';
import { SignJWT } from 'jose';

export interface TokenSettings {
  secret: string;
  issuer: string;
  expiresInSeconds: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
}

export interface TokenIssuer {
  /** An HS256 JWT whose subject is the customer id, with a `role` claim for staff; the gateway verifies it with the same secret. */
  issue(customerId: string, staffRole?: StaffRole): Promise<IssuedToken>;
}

export function createTokenIssuer({ secret, issuer, expiresInSeconds }: TokenSettings): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    issue: async (customerId, staffRole) => {
      const accessToken = await new SignJWT(staffRole ? { role: staffRole } : {})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(issuer)
        .setSubject(customerId)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${expiresInSeconds}s`)
        .sign(key);
      return { accessToken, expiresIn: expiresInSeconds };
    },
  };
}
