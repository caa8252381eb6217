import {
  IDEMPOTENCY_KEY_HEADER,
  IdempotencyHeaders,
  ListOrdersQuery,
  OrderIdParams,
  PlaceOrderFromCartRequest,
  PlaceOrderRequest,
} from '@pasar/contracts';
import { callerIdOf, parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import { z } from 'zod';
import { toOrderView } from '../domain/order.ts';
import type { OrderQueries } from '../domain/order-queries.ts';
import type { PlaceOrderCommand, PlacedOrder } from '../domain/place-order.ts';

/** Either body of POST /orders: the lines given, or the cart (a body with `fromCart` and no `items`). */
export const PlaceOrderBody = z.union([PlaceOrderRequest, PlaceOrderFromCartRequest]);
const placeOrderSchemaOf = (body: unknown) =>
  isObject(body) && 'fromCart' in body && !('items' in body) ? PlaceOrderFromCartRequest : PlaceOrderRequest;
const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The customer's own orders: place one, list them, read one. */
export function orderRoutes(deps: { queries: OrderQueries; placeOrder: (command: PlaceOrderCommand) => Promise<PlacedOrder> }): Router {
  const router = express.Router();

  router.post('/orders', async (req, res) => {
    const customerId = callerIdOf(req);
    const headers = parseInput(IdempotencyHeaders, req.headers, 'headers');
    const request = parseInput(placeOrderSchemaOf(req.body), req.body, 'body');
    const { order, replayed } = await deps.placeOrder({ customerId, request, idempotencyKey: headers[IDEMPOTENCY_KEY_HEADER] });
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    res.status(201).location(`/orders/${order.id}`).json(toOrderView(order));
  });

  router.get('/orders', async (req, res) => {
    const customerId = callerIdOf(req);
    const query = parseInput(ListOrdersQuery, req.query, 'query');
    res.json(await deps.queries.pageOfOrders(customerId, query.limit, query.cursor));
  });

  router.get('/orders/:orderId', async (req, res) => {
    const customerId = callerIdOf(req);
    const { orderId } = parseInput(OrderIdParams, req.params, 'params');
    res.json(toOrderView(await deps.queries.orderOfCustomer(customerId, orderId)));
  });

  return router;
}
