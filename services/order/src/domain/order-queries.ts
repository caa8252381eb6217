import { cursorOf, cursorPage, positionOfCursor, type OrderPage } from '@pasar/contracts';
import { AppError } from '@pasar/service-kit';
import type { OrderPageCursor, OrdersRepository } from '../data-access/orders-repository.ts';
import { toOrderView, type Order } from './order.ts';

export type OrderQueries = ReturnType<typeof createOrderQueries>;

/** What a customer reads of their orders. */
export function createOrderQueries(deps: { orders: Pick<OrdersRepository, 'findOfCustomer' | 'listOfCustomer'> }) {
  const { orders } = deps;
  return {
    /** A customer sees only their own orders: another customer's order does not exist for them (404). */
    async orderOfCustomer(customerId: string, orderId: string): Promise<Order> {
      const order = await orders.findOfCustomer(customerId, orderId);
      if (!order) throw AppError.notFound(`Order ${orderId} does not exist`);
      return order;
    },

    pageOfOrders: (customerId: string, limit: number, cursor: string | undefined): Promise<OrderPage> =>
      readOrderPage((rows, after) => orders.listOfCustomer(customerId, rows, after), limit, cursor),
  };
}

/** A page of orders, newest first, from a listing read one row longer than the page (see cursorPage). */
export async function readOrderPage(
  list: (rows: number, after: OrderPageCursor | undefined) => Promise<Order[]>,
  limit: number,
  cursor: string | undefined,
): Promise<OrderPage> {
  const rows = await list(limit + 1, cursor === undefined ? undefined : decodeCursor(cursor));
  const page = cursorPage(rows, limit, encodeCursor);
  return { items: page.items.map(toOrderView), nextCursor: page.nextCursor };
}

/** `<created at, epoch ms>_<order id>`; the query schema (OrderListCursor) has checked its form. */
function encodeCursor(order: Order): string {
  return cursorOf(order.createdAt.getTime(), order.id);
}

function decodeCursor(cursor: string): OrderPageCursor {
  const { position, id } = positionOfCursor(cursor);
  return { createdAt: new Date(Number(position)), id };
}
