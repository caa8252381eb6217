import { getCustomer } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { Profiles } from '../domain/profile.ts';

/** RPCs other services invoke through their sidecars (see packages/contracts/src/rpc/customer.ts). */
export function internalRoutes({ profiles }: { profiles: Profiles }): Router {
  const router = express.Router();

  router.get(getCustomer.path, async (req, res) => {
    const { customerId } = parseInput(getCustomer.params, req.params, 'params');
    res.json(await profiles.profileOf(customerId));
  });

  return router;
}
