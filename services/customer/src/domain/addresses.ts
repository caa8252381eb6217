import type { AddressRequest, SavedAddress } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import { notFound } from './profile.ts';

export function listAddresses(addresses: AddressesRepository, customerId: string): Promise<SavedAddress[]> {
  return addresses.list(customerId);
}

/** Marking the new address as the default unmarks the previous default. */
export async function addAddress(addresses: AddressesRepository, customerId: string, request: AddressRequest): Promise<SavedAddress> {
  return (await addresses.add(customerId, request)) ?? notFound(customerId);
}

export async function replaceAddress(addresses: AddressesRepository, customerId: string, addressId: string, request: AddressRequest): Promise<SavedAddress> {
  return (await addresses.replace(customerId, addressId, request)) ?? addressNotFound(addressId);
}

export async function removeAddress(addresses: AddressesRepository, customerId: string, addressId: string): Promise<void> {
  if (!(await addresses.remove(customerId, addressId))) addressNotFound(addressId);
}

function addressNotFound(addressId: string): never {
  throw AppError.notFound(`No address ${addressId} among this customer's addresses`);
}
