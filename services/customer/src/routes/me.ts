import { AddressParams, AddressRequest, UpdateProfileRequest } from '@pasar/contracts';
import { callerIdOf, parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { AddressesRepository } from '../data-access/addresses-repository.ts';
import type { CustomersRepository } from '../data-access/customers-repository.ts';
import { addAddress, listAddresses, removeAddress, replaceAddress } from '../domain/addresses.ts';
import { getAccount, updateAccount } from '../domain/profile.ts';

/** The caller's own account and addresses; the caller is who the gateway says (CUSTOMER_ID_HEADER). */
export function meRoutes({ customers, addresses }: { customers: CustomersRepository; addresses: AddressesRepository }): Router {
  const router = express.Router();

  router.get('/customers/me', async (req, res) => {
    res.json(await getAccount(customers, callerIdOf(req)));
  });

  router.patch('/customers/me', async (req, res) => {
    const customerId = callerIdOf(req);
    res.json(await updateAccount(customers, customerId, parseInput(UpdateProfileRequest, req.body, 'body')));
  });

  router.get('/customers/me/addresses', async (req, res) => {
    res.json({ addresses: await listAddresses(addresses, callerIdOf(req)) });
  });

  router.post('/customers/me/addresses', async (req, res) => {
    const customerId = callerIdOf(req);
    const saved = await addAddress(addresses, customerId, parseInput(AddressRequest, req.body, 'body'));
    res.status(201).location(`/customers/me/addresses/${saved.id}`).json(saved);
  });

  router.put('/customers/me/addresses/:addressId', async (req, res) => {
    const customerId = callerIdOf(req);
    const { addressId } = parseInput(AddressParams, req.params, 'params');
    res.json(await replaceAddress(addresses, customerId, addressId, parseInput(AddressRequest, req.body, 'body')));
  });

  router.delete('/customers/me/addresses/:addressId', async (req, res) => {
    const customerId = callerIdOf(req);
    const { addressId } = parseInput(AddressParams, req.params, 'params');
    await removeAddress(addresses, customerId, addressId);
    res.status(204).end();
  });

  return router;
}
