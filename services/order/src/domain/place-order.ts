import { createHash, randomUUID } from 'node:crypto';
import {
  newEnvelope,
  OrderCreatedV1,
  Topic,
  type Address,
  type CartItem,
  type CustomerProfile,
  type OrderLine,
  type PlaceOrderFromCartRequest,
  type PlaceOrderRequest,
} from '@pasar/contracts';
import { AppError, RpcError, type FieldError, type Logger } from '@pasar/service-kit';
import type { OrdersRepository } from '../data-access/orders-repository.ts';
import type { Peers } from '../data-access/peers.ts';
import type { Order } from './order.ts';

export interface PlaceOrderCommand {
  customerId: string;
  /** The lines given, or the customer's cart. */
  request: PlaceOrderRequest | PlaceOrderFromCartRequest;
  idempotencyKey: string | undefined;
}

/** What placing an order from the cart needs of it (the cart use cases). */
export interface CartCheckout {
  linesToOrder(customerId: string): Promise<{ items: CartItem[]; revision: string }>;
  emptyIfUnchanged(customerId: string, revision: string): Promise<void>;
}

export interface PlacedOrder {
  order: Order;
  /** True when this answers a retry of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

/** What placing an order needs of the orders store. */
export type PlacementStore = Pick<OrdersRepository, 'findByIdempotencyKey' | 'insertWithMessage'>;

export interface PlaceOrderDeps {
  orders: PlacementStore;
  peers: Peers;
  logger: Logger;
  cart: CartCheckout;
  /** Called after the commit, so the outbox relay publishes order-created at once. */
  onCommitted: () => void;
}

/**
 * Places an order: the customer and products are looked up, the stock is reserved, then the order,
 * its lines and its order-created message are committed together. A failure after the reservation
 * releases it again; nothing is written unless everything succeeded.
 */
export function createOrderPlacement(deps: PlaceOrderDeps) {
  return async function placeOrder(command: PlaceOrderCommand): Promise<PlacedOrder> {
    const requestHash = hashOf(command.request);
    const earlier = await earlierAnswer(deps, command, requestHash);
    if (earlier) return earlier;
    try {
      return { order: await placeNewOrder(deps, command, requestHash), replayed: false };
    } catch (error) {
      // A concurrent retry with the same key may have won the race: answer its order.
      const winner = await earlierAnswer(deps, command, requestHash).catch(() => undefined);
      if (winner) return winner;
      throw error;
    }
  };
}

async function placeNewOrder(deps: PlaceOrderDeps, command: PlaceOrderCommand, requestHash: string): Promise<Order> {
  const orderId = randomUUID();
  const customer = await customerOf(deps.peers, command.customerId);
  const shippingAddress = shippingAddressOf(command.request, customer);
  const requested =
    'fromCart' in command.request ? await deps.cart.linesToOrder(command.customerId) : { items: command.request.items, revision: null };
  const items = await pricedLines(deps.peers, requested.items);
  const order = newOrder({ orderId, command, requestHash, shippingAddress, items, cartRevision: requested.revision });
  await reserveStock(deps, order);
  try {
    await deps.orders.insertWithMessage(order, orderCreatedMessage(order));
  } catch (error) {
    await releaseQuietly(deps, orderId);
    throw error;
  }
  deps.onCommitted();
  await emptyCartOf(deps, order);
  return order;
}

/**
 * After the commit, the cart the order consumed is emptied, unless it changed since: a retry of the
 * same order runs this again, so a cart left full by a failure here is emptied then.
 */
async function emptyCartOf(deps: PlaceOrderDeps, order: Order): Promise<void> {
  if (!order.cartRevision) return;
  await deps.cart.emptyIfUnchanged(order.customerId, order.cartRevision).catch((error: unknown) => {
    deps.logger.warn(
      { err: error, orderId: order.id },
      'the order is placed but its cart could not be emptied (a retry with the same Idempotency-Key does it)',
    );
  });
}

async function earlierAnswer(deps: PlaceOrderDeps, command: PlaceOrderCommand, requestHash: string): Promise<PlacedOrder | undefined> {
  if (!command.idempotencyKey) return undefined;
  const order = await deps.orders.findByIdempotencyKey(command.customerId, command.idempotencyKey);
  if (!order) return undefined;
  if (order.requestHash !== requestHash) {
    throw new AppError(422, 'Unprocessable Content', {
      detail: 'This Idempotency-Key was already used with a different request body',
      fieldErrors: [{ field: 'idempotency-key', message: 'already used with a different body' }],
    });
  }
  await emptyCartOf(deps, order);
  return { order, replayed: true };
}

async function customerOf(peers: Peers, customerId: string): Promise<CustomerProfile> {
  try {
    return await peers.customerOf(customerId);
  } catch (error) {
    if (error instanceof RpcError && error.status === 404) {
      throw new AppError(422, 'Unprocessable Content', { detail: `Customer ${customerId} is not known` });
    }
    throw peerFailure(error);
  }
}

function shippingAddressOf(request: PlaceOrderCommand['request'], customer: CustomerProfile): Address {
  const address = request.shippingAddress ?? customer.defaultAddress;
  if (!address) {
    throw AppError.unprocessable('No shipping address given and the customer has no default address', [
      { field: 'shippingAddress', message: 'required: the customer has no default address' },
    ]);
  }
  return address;
}

/** Each requested line at the product's current price; unknown or inactive products are named. */
async function pricedLines(peers: Peers, requested: PlaceOrderRequest['items']): Promise<OrderLine[]> {
  const ids = [...new Set(requested.map((line) => line.productId))];
  const { products } = await peers.productsOf(ids).catch((error: unknown) => {
    throw peerFailure(error);
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  const problems: FieldError[] = [];
  const lines = requested.flatMap((line, index) => {
    const product = byId.get(line.productId);
    if (!product || !product.active) {
      problems.push({ field: `items.${index}.productId`, message: product ? 'this product is not for sale' : 'no such product' });
      return [];
    }
    return [{ productId: product.id, sku: product.sku, name: product.name, quantity: line.quantity, unitPrice: product.price }];
  });
  if (problems.length)
    throw new AppError(422, 'Unprocessable Content', { detail: 'Some products cannot be ordered', fieldErrors: problems });
  const currencies = new Set(lines.map((l) => l.unitPrice.currency));
  if (currencies.size > 1)
    throw new AppError(422, 'Unprocessable Content', { detail: 'Products priced in different currencies cannot share an order' });
  return lines;
}

interface NewOrderParts {
  orderId: string;
  command: PlaceOrderCommand;
  requestHash: string;
  shippingAddress: Address;
  items: OrderLine[];
  cartRevision: string | null;
}

function newOrder(parts: NewOrderParts): Order {
  const now = new Date();
  const currency = parts.items[0]?.unitPrice.currency ?? 'IDR';
  return {
    id: parts.orderId,
    customerId: parts.command.customerId,
    status: 'PENDING_PAYMENT',
    items: parts.items,
    total: { amount: parts.items.reduce((sum, l) => sum + l.unitPrice.amount * l.quantity, 0), currency },
    shippingAddress: parts.shippingAddress,
    paymentId: null,
    failureReason: null,
    idempotencyKey: parts.command.idempotencyKey ?? null,
    requestHash: parts.requestHash,
    cartRevision: parts.cartRevision,
    stockReleasedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

async function reserveStock(deps: PlaceOrderDeps, order: Order): Promise<void> {
  try {
    await deps.peers.reserveStock(
      order.id,
      order.items.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    );
  } catch (error) {
    if (error instanceof RpcError && error.status === 409) {
      throw new AppError(409, 'Conflict', { detail: 'Out of stock', ...(fieldErrorsIn(error) && { fieldErrors: fieldErrorsIn(error) }) });
    }
    // A timeout may hide a reservation that did happen: release it (releasing nothing is harmless).
    await releaseQuietly(deps, order.id);
    throw peerFailure(error);
  }
}

async function releaseQuietly(deps: PlaceOrderDeps, orderId: string): Promise<void> {
  await deps.peers.releaseStock(orderId).catch((error: unknown) => {
    deps.logger.error({ err: error, orderId }, 'could not release the stock of an order that was not placed');
  });
}

export function orderCreatedMessage(order: Order): { topic: string; payload: OrderCreatedV1; eventId: string } {
  const payload = OrderCreatedV1.parse({
    ...newEnvelope(1, { occurredAt: order.createdAt }),
    orderId: order.id,
    customerId: order.customerId,
    items: order.items,
    total: order.total,
    shippingAddress: order.shippingAddress,
  });
  return { topic: Topic.orderCreated, payload, eventId: payload.eventId };
}

/** A peer's unexpected answer is the peer's problem: the caller may retry later. */
function peerFailure(error: unknown): unknown {
  if (error instanceof RpcError && error.status >= 500) return AppError.unavailable(error.message, error);
  return error;
}

function fieldErrorsIn(error: RpcError): FieldError[] | undefined {
  const errors = error.problem?.errors;
  return Array.isArray(errors) ? (errors as FieldError[]) : undefined;
}

/** The same request body always hashes the same (zod outputs keys in schema order). */
export function hashOf(request: PlaceOrderCommand['request']): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
