import { randomUUID } from 'node:crypto';
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
  /** An HS256 JWT whose subject is the customer id; the gateway verifies it with the same secret. */
  issue(customerId: string): Promise<IssuedToken>;
}

export function createTokenIssuer({ secret, issuer, expiresInSeconds }: TokenSettings): TokenIssuer {
  const key = new TextEncoder().encode(secret);
  return {
    issue: async (customerId) => {
      const accessToken = await new SignJWT({})
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
