import { randomUUID } from 'node:crypto';
import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomersRepository } from '../../src/data-access/customers-repository.ts';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createLogin } from '../../src/domain/login.ts';
import { createPasswordHasher } from '../../src/domain/passwords.ts';
import { createRegistration } from '../../src/domain/register.ts';
import { createStaffAccounts } from '../../src/domain/staff.ts';
import { createTokenIssuer } from '../../src/domain/tokens.ts';

/** Staff accounts on real PostgreSQL: who gets a role in their token, and who never does. */
let scratch: ScratchSchema;
let appoint: ReturnType<typeof createStaffAccounts>;
let register: ReturnType<typeof createRegistration>;
let logIn: ReturnType<typeof createLogin>;

beforeAll(async () => {
  scratch = await createScratchSchema('customer_staff_test', { migrationsDirectory: MIGRATIONS_DIRECTORY });
  const customers = createCustomersRepository(scratch.pool);
  const passwords = createPasswordHasher({ log2N: 10, r: 8, p: 1 });
  const tokens = createTokenIssuer({ secret: 'a-staff-test-secret-of-at-least-32-chars', issuer: 'pasar', expiresInSeconds: 60 });
  appoint = createStaffAccounts({ customers, passwords });
  register = createRegistration({ customers, passwords });
  logIn = createLogin({ customers, passwords, tokens, announceLogin: async () => {} });
});
afterAll(() => scratch?.drop());

const email = () => `staff-${randomUUID().slice(0, 8)}@pasar.test`;
const roleOf = async (address: string, password: string) => decodeJwt((await logIn({ email: address, password }, {})).accessToken).role;

describe('staff accounts', () => {
  it('when an admin is appointed under a new email, then the account is created and its token says admin', async () => {
    const address = email();
    expect(await appoint(address, 'the-first-admin-password', 'admin')).toBe('created');
    expect(await roleOf(address, 'the-first-admin-password')).toBe('admin');
  });

  it('when an existing customer is appointed staff, then the password stays theirs and the token says staff', async () => {
    const address = email();
    await register({ email: address, name: 'Budi', password: 'budi-own-password', locale: 'id' });
    expect(await appoint(address, 'another-password-given', 'staff')).toBe('appointed');
    expect(await roleOf(address, 'budi-own-password')).toBe('staff');
    await expect(logIn({ email: address, password: 'another-password-given' }, {})).rejects.toThrow();
  });

  it('when a customer registers, even asking for a role, then the token carries none', async () => {
    const address = email();
    await register({ email: address, name: 'Sari', password: 'sari-own-password', locale: 'id', role: 'admin' } as never);
    expect(await roleOf(address, 'sari-own-password')).toBeUndefined();
  });
});
