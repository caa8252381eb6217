import { paymentStatusCallback } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { OrderLifecycle } from '../domain/order-lifecycle.ts';

/** RPCs other services invoke through their sidecars (packages/contracts/src/rpc/order.ts). */
export function internalRoutes({ lifecycle }: { lifecycle: OrderLifecycle }): Router {
  const router = express.Router();

  router.post(paymentStatusCallback.path, async (req, res) => {
    const { orderId } = parseInput(paymentStatusCallback.params, req.params, 'params');
    const result = parseInput(paymentStatusCallback.body, req.body, 'body');
    const order = await lifecycle.applyPaymentResult(orderId, result);
    res.json({ orderId: order.id, status: order.status });
  });

  return router;
}
