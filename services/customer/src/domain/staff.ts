import type { StaffRole } from '@pasar/contracts';
import type { CustomersRepository } from '../data-access/customers-repository.ts';
import type { PasswordHasher } from './passwords.ts';

export interface StaffDeps {
  customers: CustomersRepository;
  passwords: PasswordHasher;
}

/**
 * Makes the account with this email a member of staff: an existing account keeps its password and
 * gains the role; a new one is created with the password given. Nothing else grants a role.
 */
export function createStaffAccounts({ customers, passwords }: StaffDeps) {
  return async function appoint(email: string, password: string, role: StaffRole): Promise<'created' | 'appointed'> {
    const created = await customers.insert({
      email,
      name: email.slice(0, email.indexOf('@')),
      locale: 'en',
      passwordHash: await passwords.hash(password),
    });
    await customers.grantStaffRole(email, role);
    return created ? 'created' : 'appointed';
  };
}
