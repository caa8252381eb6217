import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';
import { createTokenIssuer } from '../../src/domain/tokens.ts';

const secret = 'a-unit-test-secret-of-at-least-32-characters';

describe('tokens', () => {
  it('when a token is issued, then it verifies with the secret, names the customer and expires as configured', async () => {
    const customerId = randomUUID();
    const { accessToken, expiresIn } = await createTokenIssuer({ secret, issuer: 'pasar', expiresInSeconds: 900 }).issue(customerId);

    const { payload } = await jwtVerify(accessToken, new TextEncoder().encode(secret), { issuer: 'pasar', algorithms: ['HS256'] });

    expect(decodeProtectedHeader(accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload.sub).toBe(customerId);
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(expiresIn).toBe(900);
  });

  it("when a token is issued to a member of staff, then it carries the role claim, and a customer's carries none", async () => {
    const issuer = createTokenIssuer({ secret, issuer: 'pasar', expiresInSeconds: 60 });
    const verify = async (token: string) => (await jwtVerify(token, new TextEncoder().encode(secret))).payload;

    expect((await verify((await issuer.issue(randomUUID(), 'admin')).accessToken)).role).toBe('admin');
    expect((await verify((await issuer.issue(randomUUID())).accessToken)).role).toBeUndefined();
  });

  it('when only one of ADMIN_EMAIL and ADMIN_PASSWORD is set, or the password is short, then the configuration is refused', () => {
    expect(Config.safeParse({ APP_PORT: '0', ADMIN_EMAIL: 'boss@pasar.test' }).success).toBe(false);
    expect(Config.safeParse({ APP_PORT: '0', ADMIN_PASSWORD: 'a-long-enough-password' }).success).toBe(false);
    expect(Config.safeParse({ APP_PORT: '0', ADMIN_EMAIL: 'boss@pasar.test', ADMIN_PASSWORD: 'short' }).success).toBe(false);
    expect(Config.safeParse({ APP_PORT: '0', ADMIN_EMAIL: 'boss@pasar.test', ADMIN_PASSWORD: 'a-long-enough-password' }).success).toBe(
      true,
    );
  });

  it('when verified with another secret, then it is refused', async () => {
    const { accessToken } = await createTokenIssuer({ secret, issuer: 'pasar', expiresInSeconds: 60 }).issue(randomUUID());

    await expect(jwtVerify(accessToken, new TextEncoder().encode(`${secret}-other`))).rejects.toThrow();
  });

  it('refuses a secret shorter than 32 characters and expires in an hour by default', () => {
    expect(Config.safeParse({ APP_PORT: '0', JWT_SECRET: 'too-short' }).success).toBe(false);
    expect(Config.parse({ APP_PORT: '0' })).toMatchObject({ JWT_EXPIRES_IN_SECONDS: 3600, JWT_ISSUER: 'pasar' });
  });
});
