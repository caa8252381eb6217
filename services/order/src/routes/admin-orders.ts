import { actorOf } from '@pasar/audit';
import { AdminListOrdersQuery, OrderIdParams } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import { toOrderView } from '../domain/order.ts';
import type { OrderAdministration } from '../domain/order-administration.ts';

/**
 * Staff's routes over every customer's orders. The gateway alone reaches them (Dapr's access
 * control), on /api/admin/orders for a staff token: its route table checks the role.
 */
export function adminOrderRoutes({ administration }: { administration: OrderAdministration }): Router {
  const router = express.Router();

  router.get('/admin/orders', async (req, res) => {
    const query = parseInput(AdminListOrdersQuery, req.query, 'query');
    res.json(await administration.pageOfOrders(query));
  });

  router.get('/admin/orders/:orderId', async (req, res) => {
    const { orderId } = parseInput(OrderIdParams, req.params, 'params');
    res.json(await administration.detailOf(orderId));
  });

  router.post('/admin/orders/:orderId/cancel', async (req, res) => {
    const { orderId } = parseInput(OrderIdParams, req.params, 'params');
    res.json(toOrderView(await administration.cancel(orderId, actorOf(req))));
  });

  return router;
}
