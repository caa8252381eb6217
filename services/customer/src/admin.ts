// npm run admin -- create <email> [staff|admin]: appoints a member of staff (admin unless told) in the
// customer service's database (DATABASE_URL; the dev database otherwise), migrating it first as the
// service does. The password is ADMIN_PASSWORD, or one made here and printed once: none ships.
import { randomBytes } from 'node:crypto';
import { StaffRoles, type StaffRole } from '@pasar/contracts';
import { createLogger } from '@pasar/service-kit';
import { Config } from './config.ts';
import { createCustomersRepository } from './data-access/customers-repository.ts';
import { openDatabase } from './data-access/db.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { createStaffAccounts } from './domain/staff.ts';

const [command, email, role = 'admin'] = process.argv.slice(2);
if (command !== 'create' || !email || !StaffRoles.includes(role as StaffRole)) {
  console.error('usage: npm run admin -- create <email> [staff|admin]   (password: ADMIN_PASSWORD, or one is made and printed)');
  process.exit(2);
}
const given = process.env.ADMIN_PASSWORD;
if (given !== undefined && given.length < 12) {
  console.error('ADMIN_PASSWORD: at least 12 characters');
  process.exit(2);
}
const password = given ?? randomBytes(12).toString('base64url');
const config = Config.parse({ APP_PORT: '0', ...process.env, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined });
const logger = createLogger('admin', 'warn');
const pool = await openDatabase({ url: config.DATABASE_URL, migrate: true, logger });
try {
  const appoint = createStaffAccounts({
    customers: createCustomersRepository(pool),
    passwords: createPasswordHasher({ log2N: config.PASSWORD_SCRYPT_LOG2_N, r: 8, p: 1 }),
  });
  const outcome = await appoint(email, password, role as StaffRole);
  console.log(outcome === 'created' ? `created ${email} as ${role}` : `${email} existed: now ${role}, password unchanged`);
  if (outcome === 'created' && given === undefined) console.log(`password (shown once): ${password}`);
} finally {
  await pool.end();
}
