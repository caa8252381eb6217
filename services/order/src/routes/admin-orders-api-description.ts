import { ADMIN_ORDER_RANGE_RULES, AdminListOrdersQuery, AdminOrderDetail, OrderIdParams, OrderPage, OrderView } from '@pasar/contracts';
import type { ApiOperation, ApiResponse } from '@pasar/service-kit';

const tags = ['orders (staff)'];
const databaseDown: Record<number, ApiResponse> = { 503: { description: 'The order database is unavailable' } };
const noOrder: Record<number, ApiResponse> = { 404: { description: 'No such order' } };

/**
 * Staff's operations on every customer's orders (routes/admin-orders.ts), part of the order
 * service's description. The gateway leaves them out of the public document (its staff routes are not
 * public API), as it does product administration.
 */
export const adminOrderOperations: ApiOperation[] = [
  {
    method: 'GET',
    path: '/admin/orders',
    summary: "Every customer's orders, newest first, by status and by the UTC days they were placed (both ends included)",
    description: ADMIN_ORDER_RANGE_RULES,
    tags,
    query: AdminListOrdersQuery,
    responses: { 200: { description: 'A page of orders', schema: OrderPage }, ...databaseDown },
  },
  {
    method: 'GET',
    path: '/admin/orders/:orderId',
    summary: "Any customer's order, with its payment as the order service knows it and its timeline (oldest first)",
    tags,
    params: OrderIdParams,
    responses: { 200: { description: 'The order', schema: AdminOrderDetail }, ...noOrder, ...databaseDown },
  },
  {
    method: 'POST',
    path: '/admin/orders/:orderId/cancel',
    summary: 'Cancel an order still awaiting its payment (PENDING_PAYMENT); its reserved stock goes back',
    description:
      'Cancelling again an order staff cancelled answers it again (a retry gets the first answer). If the product service ' +
      'cannot take the stock back now, the order is cancelled all the same and the sweeper gives the stock back later.',
    tags,
    params: OrderIdParams,
    responses: {
      200: { description: 'The cancelled order', schema: OrderView },
      ...noOrder,
      409: { description: 'The order is paid, its payment failed, or it was cancelled otherwise (timed out): the detail names its status' },
      ...databaseDown,
    },
  },
];
