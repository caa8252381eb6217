import type { CustomerAccount, CustomerProfile, UpdateProfileRequest } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import type { CustomersRepository } from '../data-access/customers-repository.ts';

export async function getAccount(customers: CustomersRepository, customerId: string): Promise<CustomerAccount> {
  return (await customers.findById(customerId)) ?? notFound(customerId);
}

export async function updateAccount(customers: CustomersRepository, customerId: string, changes: UpdateProfileRequest): Promise<CustomerAccount> {
  return (await customers.update(customerId, changes)) ?? notFound(customerId);
}

/** What other services need to know about a customer (getCustomer): name, email, locale, where to ship. */
export async function getCustomerProfile(customers: CustomersRepository, addresses: AddressesRepository, customerId: string): Promise<CustomerProfile> {
  const account = await getAccount(customers, customerId);
  const defaultAddress = await addresses.findDefault(customerId);
  return { id: account.id, name: account.name, email: account.email, locale: account.locale, defaultAddress: defaultAddress ?? null };
}

export function notFound(customerId: string): never {
  throw AppError.notFound(`No customer ${customerId}`);
}
