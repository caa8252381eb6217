import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';
import { createPasswordHasher, verifyPassword } from '../../src/domain/passwords.ts';

const hasher = createPasswordHasher({ log2N: 10, r: 8, p: 1 });

describe('passwords', () => {
  it('when a password is hashed, then the hash carries its parameters and salt, and verifies', async () => {
    const stored = await hasher.hash('correct horse battery');

    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain('correct horse');
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
  });

  it('when the password is wrong, then it does not verify', async () => {
    const stored = await hasher.hash('correct horse battery');

    expect(await hasher.verify('correct horse batterY', stored)).toBe(false);
  });

  it('when the same password is hashed twice, then the salts differ', async () => {
    expect(await hasher.hash('same password!')).not.toBe(await hasher.hash('same password!'));
  });

  it('when the cost setting changes later, then older hashes still verify with their own parameters', async () => {
    const older = await createPasswordHasher({ log2N: 11, r: 8, p: 2 }).hash('an older password');

    expect(await hasher.verify('an older password', older)).toBe(true);
    expect(await verifyPassword('an older password', older)).toBe(true);
  });

  it('when there is no account, then the decoy check does the work and says no', async () => {
    expect(await hasher.verifyAgainstDecoy('whatever was typed')).toBe(false);
  });

  it('when a stored hash is not in the expected format, then verifying throws instead of answering yes', async () => {
    await expect(hasher.verify('x', 'plain-text-password')).rejects.toThrow(/\$scrypt\$ format/);
  });

  it('by default, uses the cost OWASP recommends (N = 2^17, r = 8, p = 1)', () => {
    expect(Config.parse({ APP_PORT: '0' }).PASSWORD_SCRYPT_LOG2_N).toBe(17);
  });
});
