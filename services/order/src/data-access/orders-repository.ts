import type { Address, AuditEntry, OrderLine, OrderStatus } from '@pasar/contracts';
import { inTransaction, insertOutboxMessage, type OutboxMessage, type Pool, type PoolClient } from '@pasar/postgres';
import type { Order } from '../domain/order.ts';
import { insertAuditEntry } from './audit-store.ts';
import { storeCall } from './db.ts';

interface OrderRow {
  id: string;
  customer_id: string;
  status: OrderStatus;
  total_amount: string;
  currency: string;
  shipping_address: Address;
  payment_id: string | null;
  failure_reason: string | null;
  idempotency_key: string | null;
  request_hash: string | null;
  cart_revision: string | null;
  stock_released_at: Date | null;
  created_at: Date;
  updated_at: Date;
  items: Array<{ productId: string; sku: string; name: string; quantity: number; unitAmount: string | number; currency: string }>;
}

/** Lines come along as one JSON array, in line order. */
const SELECT_ORDER = `
  select o.*, coalesce((
    select json_agg(json_build_object('productId', i.product_id, 'sku', i.sku, 'name', i.name, 'quantity', i.quantity,
                                      'unitAmount', i.unit_amount, 'currency', i.currency) order by i.line_no)
    from order_items i where i.order_id = o.id), '[]') as items
  from orders o`;

export interface OrderPageCursor {
  createdAt: Date;
  id: string;
}

/** Which orders a listing holds: any of these left out does not filter. */
export interface OrderFilter {
  customerId?: string;
  status?: OrderStatus;
  /** Placed at or after. */
  createdFrom?: Date;
  /** Placed before. */
  createdBefore?: Date;
}

/** A row of an order's timeline. */
export interface StatusChangeRecord {
  status: OrderStatus;
  at: Date;
}

export interface StatusChange {
  paymentId?: string;
  failureReason?: string | null;
  /** The staff action that makes the change, for the audit trail. */
  audit?: AuditEntry;
}

export type OrdersRepository = ReturnType<typeof createOrdersRepository>;

export function createOrdersRepository(pool: Pool) {
  const one = async (where: string, values: unknown[]) => {
    const { rows } = await storeCall(() => pool.query<OrderRow>(`${SELECT_ORDER} where ${where}`, values));
    return rows[0] ? orderOf(rows[0]) : undefined;
  };

  async function list(filter: OrderFilter, limit: number, after?: OrderPageCursor): Promise<Order[]> {
    const { where, values } = listingConditions(filter, after);
    const { rows } = await storeCall(() =>
      pool.query<OrderRow>(`${SELECT_ORDER} ${where} order by o.created_at desc, o.id desc limit $1`, [limit, ...values]),
    );
    return rows.map(orderOf);
  }

  return {
    /** The order, its lines, its first status change and its order-created message, in one transaction. */
    async insertWithMessage(order: Order, message: OutboxMessage): Promise<void> {
      await storeCall(() =>
        inTransaction(pool, async (client) => {
          await client.query(
            `insert into orders (id, customer_id, status, total_amount, currency, shipping_address, idempotency_key, request_hash, cart_revision, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
            [
              order.id,
              order.customerId,
              order.status,
              order.total.amount,
              order.total.currency,
              JSON.stringify(order.shippingAddress),
              order.idempotencyKey,
              order.requestHash,
              order.cartRevision,
              order.createdAt,
            ],
          );
          await client.query(
            `insert into order_items (order_id, line_no, product_id, sku, name, quantity, unit_amount, currency)
           select $1, line_no, product_id, sku, name, quantity, unit_amount, currency
           from unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::text[]) with ordinality
             as l(product_id, sku, name, quantity, unit_amount, currency, line_no)`,
            [order.id, ...columnsOf(order.items)],
          );
          await client.query('insert into order_status_changes (order_id, status, at) values ($1, $2, $3)', [
            order.id,
            order.status,
            order.createdAt,
          ]);
          await insertOutboxMessage(client, message);
        }),
      );
    },

    findById: (id: string) => one('o.id = $1', [id]),
    findOfCustomer: (customerId: string, id: string) => one('o.id = $1 and o.customer_id = $2', [id, customerId]),
    findByIdempotencyKey: (customerId: string, key: string) => one('o.customer_id = $1 and o.idempotency_key = $2', [customerId, key]),

    /** Newest first; `limit + 1` rows tell whether another page follows. */
    listOfCustomer: (customerId: string, limit: number, after?: OrderPageCursor) => list({ customerId }, limit, after),

    /** Every customer's orders that pass the filter, newest first (staff's listing); paged as listOfCustomer. */
    list,

    /** The order's timeline: each status it entered, oldest first. */
    async statusHistoryOf(id: string): Promise<StatusChangeRecord[]> {
      const { rows } = await storeCall(() =>
        pool.query<StatusChangeRecord>('select status, at from order_status_changes where order_id = $1 order by id', [id]),
      );
      return rows;
    },

    /**
     * Race-safe: changes the status only if it still is `from`, and records the change in the
     * timeline in the same statement (one transaction), and the staff action that made it, if any,
     * in the audit trail in the same transaction. Undefined when it was not.
     */
    async changeStatus(id: string, from: OrderStatus, to: OrderStatus, change: StatusChange = {}): Promise<Order | undefined> {
      const move: StatusMove = { id, from, to, change };
      const changed = await storeCall(() => (change.audit ? moveStatusAudited(pool, move, change.audit) : moveStatus(pool, move)));
      return changed ? one('o.id = $1', [id]) : undefined;
    },

    async markStockReleased(id: string): Promise<void> {
      await storeCall(() => pool.query('update orders set stock_released_at = now() where id = $1 and stock_released_at is null', [id]));
    },

    /** Orders waiting for their payment since before `cutoff`, oldest first. */
    async idsPendingSince(cutoff: Date, limit: number): Promise<string[]> {
      const { rows } = await storeCall(() =>
        pool.query<{ id: string }>(
          `select id from orders where status = 'PENDING_PAYMENT' and created_at < $1 order by created_at limit $2`,
          [cutoff, limit],
        ),
      );
      return rows.map((r) => r.id);
    },

    /** Orders whose cancellation is unfinished: payment failed, or cancelled with the stock still kept. */
    async idsWithStockToRelease(limit: number): Promise<string[]> {
      const { rows } = await storeCall(() =>
        pool.query<{ id: string }>(
          `select id from orders where status in ('PAYMENT_FAILED', 'CANCELLED') and stock_released_at is null order by created_at limit $1`,
          [limit],
        ),
      );
      return rows.map((r) => r.id);
    },
  };
}

interface StatusMove {
  id: string;
  from: OrderStatus;
  to: OrderStatus;
  change: StatusChange;
}

/** The status change with its timeline row, in one statement; false when the order was no longer `from`. */
async function moveStatus(client: Pool | PoolClient, { id, from, to, change }: StatusMove): Promise<boolean> {
  const { rowCount } = await client.query(
    `with changed as (
       update orders set status = $3, updated_at = now(),
         payment_id = coalesce($4, payment_id), failure_reason = coalesce($5, failure_reason)
       where id = $1 and status = $2
       returning id, status, updated_at)
     insert into order_status_changes (order_id, status, at) select id, status, updated_at from changed`,
    [id, from, to, change.paymentId ?? null, change.failureReason ?? null],
  );
  return rowCount === 1;
}

/** The status change and the audit entry of the staff action that made it, committed together (or neither). */
function moveStatusAudited(pool: Pool, move: StatusMove, audit: AuditEntry): Promise<boolean> {
  return inTransaction(pool, async (client) => {
    const moved = await moveStatus(client, move);
    if (moved) await insertAuditEntry(client, audit);
    return moved;
  });
}

/** The listing's `where` (the filter, and rows after the previous page's last) with its values, numbered from $2 ($1 is the limit). */
function listingConditions(filter: OrderFilter, after: OrderPageCursor | undefined): { where: string; values: unknown[] } {
  const values: unknown[] = [];
  const param = (value: unknown) => `$${values.push(value) + 1}`;
  const conditions = [
    filter.customerId !== undefined && `o.customer_id = ${param(filter.customerId)}`,
    filter.status !== undefined && `o.status = ${param(filter.status)}`,
    filter.createdFrom !== undefined && `o.created_at >= ${param(filter.createdFrom)}`,
    filter.createdBefore !== undefined && `o.created_at < ${param(filter.createdBefore)}`,
    after !== undefined && `(o.created_at, o.id) < (${param(after.createdAt)}, ${param(after.id)})`,
  ].filter((condition) => typeof condition === 'string');
  return { where: conditions.length > 0 ? `where ${conditions.join(' and ')}` : '', values };
}

function columnsOf(items: OrderLine[]): unknown[][] {
  return [
    items.map((i) => i.productId),
    items.map((i) => i.sku),
    items.map((i) => i.name),
    items.map((i) => i.quantity),
    items.map((i) => i.unitPrice.amount),
    items.map((i) => i.unitPrice.currency),
  ];
}

function orderOf(row: OrderRow): Order {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    items: row.items.map((i) => ({
      productId: i.productId,
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: { amount: Number(i.unitAmount), currency: i.currency },
    })),
    total: { amount: Number(row.total_amount), currency: row.currency },
    shippingAddress: row.shipping_address,
    paymentId: row.payment_id,
    failureReason: row.failure_reason,
    idempotencyKey: row.idempotency_key,
    requestHash: row.request_hash,
    cartRevision: row.cart_revision,
    stockReleasedAt: row.stock_released_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
