import { getCustomer } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import type { CustomersRepository } from '../data-access/customers-repository.ts';
import { getCustomerProfile } from '../domain/profile.ts';

/** RPCs other services invoke through their sidecars (see packages/contracts/src/rpc/customer.ts). */
export function internalRoutes({ customers, addresses }: { customers: CustomersRepository; addresses: AddressesRepository }): Router {
  const router = express.Router();

  router.get(getCustomer.path, async (req, res) => {
    const { customerId } = parseInput(getCustomer.params, req.params, 'params');
    res.json(await getCustomerProfile(customers, addresses, customerId));
  });

  return router;
}
