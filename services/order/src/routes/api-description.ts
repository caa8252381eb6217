import { auditOperation } from '@pasar/audit';
import { IdempotencyHeaders, ListOrdersQuery, OrderIdParams, OrderPage, OrderView, paymentStatusCallback } from '@pasar/contracts';
import { rpcOperation, type ApiDescription, type ApiResponse } from '@pasar/service-kit';
import { adminOrderOperations } from './admin-orders-api-description.ts';
import { cartOperations } from './cart-api-description.ts';
import { PlaceOrderBody } from './orders.ts';

const databaseDown: Record<number, ApiResponse> = { 503: { description: 'The order database is unavailable' } };
const noOrder: Record<number, ApiResponse> = { 404: { description: "No such order among the caller's" } };
const tags = ['orders'];

/** What the order service answers, with the schemas its routes parse with. */
export const orderApi: ApiDescription = {
  title: 'order',
  version: '1.0.0',
  operations: [
    {
      method: 'POST',
      path: '/orders',
      summary: 'Place an order of the lines given, or of the cart (an Idempotency-Key makes a retry answer the first order)',
      tags,
      description:
        'From the cart (`fromCart`): the cart is emptied once the order has committed, and only if it did not change since the order read it; ' +
        'a retry with the same Idempotency-Key answers the same order and never empties a cart filled since.',
      caller: true,
      headers: IdempotencyHeaders,
      body: PlaceOrderBody,
      responses: {
        201: { description: 'The order, awaiting payment', schema: OrderView },
        409: { description: 'Out of stock: `errors` names the lines' },
        422: {
          description:
            'Unknown customer or product, mixed currencies, no shipping address (none given, none saved as default), an empty cart (`errors` names fromCart), or an Idempotency-Key reused with another body',
        },
        503: { description: 'The product or customer service, the database or the state store is unavailable: nothing was written' },
      },
    },
    {
      method: 'GET',
      path: '/orders',
      summary: "The caller's orders, newest first",
      tags,
      caller: true,
      query: ListOrdersQuery,
      responses: { 200: { description: 'A page of orders', schema: OrderPage }, ...databaseDown },
    },
    {
      method: 'GET',
      path: '/orders/:orderId',
      summary: "One of the caller's orders",
      tags,
      caller: true,
      params: OrderIdParams,
      responses: { 200: { description: 'The order', schema: OrderView }, ...noOrder, ...databaseDown },
    },
    ...cartOperations,
    ...adminOrderOperations,
    auditOperation(databaseDown),
    rpcOperation(paymentStatusCallback, 'A payment reached its final status', {
      404: { description: 'No such order' },
      409: { description: 'The order can no longer take this status' },
      ...databaseDown,
    }),
  ],
};
