import type { CustomerAccount, RegisterCustomerRequest } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { CustomersRepository } from '../data-access/customers-repository.ts';
import type { PasswordHasher } from './passwords.ts';

export interface RegisterDeps {
  customers: CustomersRepository;
  passwords: PasswordHasher;
}

export type RegisterCustomer = ReturnType<typeof createRegistration>;

/** A new customer with a hashed password; one account per email, whatever its case. */
export function createRegistration({ customers, passwords }: RegisterDeps) {
  return async function registerCustomer(request: RegisterCustomerRequest): Promise<CustomerAccount> {
    const passwordHash = await passwords.hash(request.password);
    const customer = await customers.insert({ email: request.email, name: request.name, locale: request.locale, passwordHash });
    if (!customer) throw AppError.conflict('A customer with this email already exists');
    return customer;
  };
}
