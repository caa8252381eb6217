import type { CustomerAccount, CustomerProfile, UpdateProfileRequest } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import type { CustomersRepository } from '../data-access/customers-repository.ts';

export interface ProfilesDeps {
  customers: CustomersRepository;
  addresses: Pick<AddressesRepository, 'findDefault'>;
}

export type Profiles = ReturnType<typeof createProfiles>;

/** A customer's own account, and the profile other services ask for. */
export function createProfiles(deps: ProfilesDeps) {
  const { customers, addresses } = deps;

  async function account(customerId: string): Promise<CustomerAccount> {
    return (await customers.findById(customerId)) ?? notFound(customerId);
  }

  return {
    account,

    async updateAccount(customerId: string, changes: UpdateProfileRequest): Promise<CustomerAccount> {
      return (await customers.update(customerId, changes)) ?? notFound(customerId);
    },

    /** What other services need to know about a customer (getCustomer): name, email, locale, where to ship. */
    async profileOf(customerId: string): Promise<CustomerProfile> {
      const { id, name, email, locale } = await account(customerId);
      const defaultAddress = await addresses.findDefault(customerId);
      return { id, name, email, locale, defaultAddress: defaultAddress ?? null };
    },
  };
}

export function notFound(customerId: string): never {
  throw AppError.notFound(`No customer ${customerId}`);
}
