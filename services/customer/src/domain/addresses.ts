import type { AddressRequest, SavedAddress } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import { notFound } from './profile.ts';

export type AddressBook = ReturnType<typeof createAddressBook>;

/** A customer's saved addresses; at most one is the default. */
export function createAddressBook(deps: { addresses: AddressesRepository }) {
  const { addresses } = deps;
  return {
    list: (customerId: string): Promise<SavedAddress[]> => addresses.list(customerId),

    /** Marking the new address as the default unmarks the previous default. */
    async add(customerId: string, request: AddressRequest): Promise<SavedAddress> {
      return (await addresses.add(customerId, request)) ?? notFound(customerId);
    },

    async replace(customerId: string, addressId: string, request: AddressRequest): Promise<SavedAddress> {
      return (await addresses.replace(customerId, addressId, request)) ?? addressNotFound(addressId);
    },

    async remove(customerId: string, addressId: string): Promise<void> {
      if (!(await addresses.remove(customerId, addressId))) addressNotFound(addressId);
    },
  };
}

function addressNotFound(addressId: string): never {
  throw AppError.notFound(`No address ${addressId} among this customer's addresses`);
}
