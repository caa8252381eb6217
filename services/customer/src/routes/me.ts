import { AddressParams, AddressRequest, UpdateProfileRequest } from '@pasar/contracts';
import { callerIdOf, parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { AddressBook } from '../domain/addresses.ts';
import type { Profiles } from '../domain/profile.ts';

/** The caller's own account and addresses; the caller is who the gateway says (CUSTOMER_ID_HEADER). */
export function meRoutes({ profiles, addressBook }: { profiles: Profiles; addressBook: AddressBook }): Router {
  const router = express.Router();

  router.get('/customers/me', async (req, res) => {
    res.json(await profiles.account(callerIdOf(req)));
  });

  router.patch('/customers/me', async (req, res) => {
    const customerId = callerIdOf(req);
    res.json(await profiles.updateAccount(customerId, parseInput(UpdateProfileRequest, req.body, 'body')));
  });

  router.get('/customers/me/addresses', async (req, res) => {
    res.json({ addresses: await addressBook.list(callerIdOf(req)) });
  });

  router.post('/customers/me/addresses', async (req, res) => {
    const customerId = callerIdOf(req);
    const saved = await addressBook.add(customerId, parseInput(AddressRequest, req.body, 'body'));
    res.status(201).location(`/customers/me/addresses/${saved.id}`).json(saved);
  });

  router.put('/customers/me/addresses/:addressId', async (req, res) => {
    const customerId = callerIdOf(req);
    const { addressId } = parseInput(AddressParams, req.params, 'params');
    res.json(await addressBook.replace(customerId, addressId, parseInput(AddressRequest, req.body, 'body')));
  });

  router.delete('/customers/me/addresses/:addressId', async (req, res) => {
    const customerId = callerIdOf(req);
    const { addressId } = parseInput(AddressParams, req.params, 'params');
    await addressBook.remove(customerId, addressId);
    res.status(204).end();
  });

  return router;
}
