import { AppError, type FieldError } from '@pasar/service-kit';
import { createKeyedLock } from '../data-access/keyed-lock.ts';
import { isStoreUnavailable } from '../data-access/store-errors.ts';
import { releaseMark, reserveMark, type ProductStockRepository } from '../data-access/product-stock-repository.ts';
import type { ReservationsRepository } from '../data-access/reservations-repository.ts';
import type { StockLine } from './product.ts';
import type { ReservationFailure, ReservationRecord } from './reservation.ts';
import { pendingEvent } from './product-events.ts';

export interface StockReservationsDeps {
  reservations: ReservationsRepository;
  products: ProductStockRepository;
  /** Removes a finished reservation's stock marks, later (jobs/stock-mark-sweeper.ts). */
  marks: { add(productId: string, mark: string): void };
  leaseMs: number;
  /** Called after stock changed: a product-changed event is waiting in that product's outbox. */
  onChange: (productId: string) => void;
}

export type StockReservations = ReturnType<typeof createStockReservations>;

/**
 * Stock reservations for orders, without transactions. The reservation document (one per order id,
 * created first) says where an order stands; each line is one conditional update of its product that
 * also leaves a mark of the order in it (see ProductStockRepository.reserveLine). Because a line is
 * applied at most once per order, a retry or a resumed attempt simply runs every line again, and
 * giving stock back only touches lines whose mark is there. Requests for one order are serialised in
 * this process; across processes, the reservation's lease says who may work on it.
 */
export function createStockReservations(deps: StockReservationsDeps) {
  const { reservations, products, marks, leaseMs, onChange } = deps;
  const orders = createKeyedLock();

  /**
   * One request per order at a time in this process. When the work fails unexpectedly, nobody here
   * is working on the order any more: give up the lease so a retry resumes at once instead of waiting
   * for it to run out (unless the store cannot be reached: then that write would fail too).
   */
  function exclusively(orderId: string, work: () => Promise<void>): Promise<void> {
    return orders.run(orderId, async () => {
      try {
        await work();
      } catch (error) {
        if (!(error instanceof AppError) && !isStoreUnavailable(error)) await reservations.expireLease(orderId).catch(() => undefined);
        throw error;
      }
    });
  }

  async function reserveAgain(reservation: ReservationRecord, lines: StockLine[], items: StockLine[]): Promise<void> {
    const { orderId, status } = reservation;
    if (status === 'RELEASING' || status === 'RELEASED') throw AppError.conflict(`The reservation of order ${orderId} was released`);
    if (!sameLines(reservation.lines, lines)) throw AppError.conflict(`Order ${orderId} already has a reservation of other items`);
    if (status === 'FAILED') throw lineConflict(orderId, reservation.failure, items);
    if (status === 'RESERVED') return;
    await claimOrThrow(orderId, 'PENDING');
    return takeAll(orderId, lines, items);
  }

  /**
   * Lines are taken in order and the first that fails stops the rest, so whatever an earlier (crashed)
   * attempt took is always a prefix of the lines: exactly what is given back on failure.
   */
  async function takeAll(orderId: string, lines: StockLine[], items: StockLine[]): Promise<void> {
    for (const [index, line] of lines.entries()) {
      const outcome = await products.reserveLine(orderId, line, pendingEvent('stock'));
      if (outcome !== 'applied') return fail(orderId, lines.slice(0, index), { productId: line.productId, reason: outcome }, items);
      onChange(line.productId);
    }
    const reserved = await reservations.transition(orderId, 'PENDING', 'RESERVED', { applied: lines.map((l) => l.productId) });
    if (!reserved) throw inProgress(orderId);
    clearMarks(lines, reserveMark(orderId));
  }

  async function fail(orderId: string, taken: StockLine[], failure: ReservationFailure, items: StockLine[]): Promise<never> {
    await giveBackReserved(orderId, taken);
    await reservations.transition(orderId, 'PENDING', 'FAILED', { failure, applied: [] });
    throw lineConflict(orderId, failure, items);
  }

  async function releaseOnce(orderId: string): Promise<void> {
    const reservation = await reservations.find(orderId);
    if (!reservation) {
      // A tombstone, so a reservation arriving late (a retry) cannot take stock for a released order.
      if (await reservations.insert(orderId, 'RELEASED', [], 0)) return;
      return releaseOnce(orderId);
    }
    switch (reservation.status) {
      case 'RELEASED':
        return;
      case 'FAILED':
        await reservations.transition(orderId, 'FAILED', 'RELEASED');
        return;
      case 'PENDING':
        return abandon(reservation);
      case 'RESERVED':
        if (!(await reservations.transition(orderId, 'RESERVED', 'RELEASING', { leaseMs }))) return releaseOnce(orderId);
        return giveBackAll(reservation);
      case 'RELEASING':
        await claimOrThrow(orderId, 'RELEASING');
        return giveBackAll(reservation);
    }
  }

  /** A reservation left half-way (its request crashed): give back what it took. */
  async function abandon(reservation: ReservationRecord): Promise<void> {
    await claimOrThrow(reservation.orderId, 'PENDING');
    await giveBackReserved(reservation.orderId, reservation.lines);
    await reservations.transition(reservation.orderId, 'PENDING', 'RELEASED');
  }

  async function giveBackAll({ orderId, lines }: ReservationRecord): Promise<void> {
    for (const line of lines) {
      if (await products.releaseLine(orderId, line, pendingEvent('stock'))) onChange(line.productId);
    }
    await reservations.transition(orderId, 'RELEASING', 'RELEASED');
    clearMarks(lines, releaseMark(orderId));
    clearMarks(lines, reserveMark(orderId));
  }

  async function giveBackReserved(orderId: string, lines: StockLine[]): Promise<void> {
    for (const line of lines) {
      if (await products.undoReservedLine(orderId, line, pendingEvent('stock'))) onChange(line.productId);
    }
  }

  /** Marks are only needed while the reservation can still change; a final state makes them garbage. */
  function clearMarks(lines: StockLine[], mark: string): void {
    for (const line of lines) marks.add(line.productId, mark);
  }

  async function claimOrThrow(orderId: string, status: 'PENDING' | 'RELEASING'): Promise<void> {
    if (!(await reservations.claimExpired(orderId, status, leaseMs))) throw inProgress(orderId);
  }

  async function mustFind(orderId: string): Promise<ReservationRecord> {
    const reservation = await reservations.find(orderId);
    if (!reservation) throw new Error(`the reservation of order ${orderId} exists and cannot be found`);
    return reservation;
  }

  return {
    /** All lines or none. Repeating it for the same order and items changes nothing and answers the same. */
    async reserve(orderId: string, items: StockLine[]): Promise<void> {
      const lines = mergeLines(items);
      await exclusively(orderId, async () => {
        if (await reservations.insert(orderId, 'PENDING', lines, leaseMs)) return takeAll(orderId, lines, items);
        return reserveAgain(await mustFind(orderId), lines, items);
      });
    },

    /** Gives the stock of the order back once; releasing twice, or an unknown order, changes no stock. */
    async release(orderId: string): Promise<void> {
      await exclusively(orderId, () => releaseOnce(orderId));
    },
  };
}

/** One line per product, quantities added, in the order products first appear. */
export function mergeLines(items: StockLine[]): StockLine[] {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of items) quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

function sameLines(a: StockLine[], b: StockLine[]): boolean {
  const key = (lines: StockLine[]) =>
    lines
      .map((l) => `${l.productId}:${l.quantity}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

const failureMessages: Record<ReservationFailure['reason'], string> = {
  insufficient: 'not enough stock',
  inactive: 'not for sale',
  missing: 'no such product',
};

function lineConflict(orderId: string, failure: ReservationFailure | null, items: StockLine[]): AppError {
  if (!failure) return AppError.conflict(`Stock for order ${orderId} could not be reserved`);
  const message = failureMessages[failure.reason];
  const index = items.findIndex((item) => item.productId === failure.productId);
  const fieldErrors: FieldError[] = [{ field: `items.${Math.max(index, 0)}.productId`, message: `${message}: ${failure.productId}` }];
  return new AppError(409, 'Conflict', {
    detail: `Cannot reserve product ${failure.productId} for order ${orderId}: ${message}`,
    fieldErrors,
  });
}

/** Transient, so a 503 (retry) rather than a 409, which means the stock cannot be had. */
function inProgress(orderId: string): AppError {
  return AppError.unavailable(`The reservation of order ${orderId} is being worked on; try again shortly`);
}
