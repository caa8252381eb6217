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

/**
 * Stock reservations for orders, without transactions. The reservation document (one per order id,
 * created first) says where an order stands; each line is one conditional update of its product that
 * also leaves a mark of the order in it (see ProductStockRepository.reserveLine). Because a line is
 * applied at most once per order, a retry or a resumed attempt simply runs every line again, and
 * giving stock back only touches lines whose mark is there. Requests for one order are serialised in
 * this process; across processes, the reservation's lease says who may work on it.
 */
export class StockReservations {
  private readonly orders = createKeyedLock();
  private readonly deps: StockReservationsDeps;

  constructor(deps: StockReservationsDeps) {
    this.deps = deps;
  }

  /** All lines or none. Repeating it for the same order and items changes nothing and answers the same. */
  async reserve(orderId: string, items: StockLine[]): Promise<void> {
    const lines = mergeLines(items);
    await this.exclusively(orderId, async () => {
      if (await this.deps.reservations.insert(orderId, 'PENDING', lines, this.deps.leaseMs)) return this.takeAll(orderId, lines, items);
      return this.reserveAgain(await this.mustFind(orderId), lines, items);
    });
  }

  /** Gives the stock of the order back once; releasing twice, or an unknown order, changes no stock. */
  async release(orderId: string): Promise<void> {
    await this.exclusively(orderId, () => this.releaseOnce(orderId));
  }

  /**
   * One request per order at a time in this process. When the work fails unexpectedly, nobody here
   * is working on the order any more: give up the lease so a retry resumes at once instead of waiting
   * for it to run out (unless the store cannot be reached: then that write would fail too).
   */
  private exclusively(orderId: string, work: () => Promise<void>): Promise<void> {
    return this.orders.run(orderId, async () => {
      try {
        await work();
      } catch (error) {
        if (!(error instanceof AppError) && !isStoreUnavailable(error)) await this.deps.reservations.expireLease(orderId).catch(() => undefined);
        throw error;
      }
    });
  }

  private async reserveAgain(reservation: ReservationRecord, lines: StockLine[], items: StockLine[]): Promise<void> {
    const { orderId, status } = reservation;
    if (status === 'RELEASING' || status === 'RELEASED') throw AppError.conflict(`The reservation of order ${orderId} was released`);
    if (!sameLines(reservation.lines, lines)) throw AppError.conflict(`Order ${orderId} already has a reservation of other items`);
    if (status === 'FAILED') throw lineConflict(orderId, reservation.failure, items);
    if (status === 'RESERVED') return;
    await this.claimOrThrow(orderId, 'PENDING');
    return this.takeAll(orderId, lines, items);
  }

  /**
   * Lines are taken in order and the first that fails stops the rest, so whatever an earlier (crashed)
   * attempt took is always a prefix of the lines: exactly what is given back on failure.
   */
  private async takeAll(orderId: string, lines: StockLine[], items: StockLine[]): Promise<void> {
    for (const [index, line] of lines.entries()) {
      const outcome = await this.deps.products.reserveLine(orderId, line, pendingEvent('stock'));
      if (outcome !== 'applied') return this.fail(orderId, lines.slice(0, index), { productId: line.productId, reason: outcome }, items);
      this.deps.onChange(line.productId);
    }
    const reserved = await this.deps.reservations.transition(orderId, 'PENDING', 'RESERVED', { applied: lines.map((l) => l.productId) });
    if (!reserved) throw inProgress(orderId);
    this.clearMarks(lines, reserveMark(orderId));
  }

  private async fail(orderId: string, taken: StockLine[], failure: ReservationFailure, items: StockLine[]): Promise<never> {
    await this.giveBackReserved(orderId, taken);
    await this.deps.reservations.transition(orderId, 'PENDING', 'FAILED', { failure, applied: [] });
    throw lineConflict(orderId, failure, items);
  }

  private async releaseOnce(orderId: string): Promise<void> {
    const reservation = await this.deps.reservations.find(orderId);
    if (!reservation) {
      // A tombstone, so a reservation arriving late (a retry) cannot take stock for a released order.
      if (await this.deps.reservations.insert(orderId, 'RELEASED', [], 0)) return;
      return this.releaseOnce(orderId);
    }
    switch (reservation.status) {
      case 'RELEASED':
        return;
      case 'FAILED':
        await this.deps.reservations.transition(orderId, 'FAILED', 'RELEASED');
        return;
      case 'PENDING':
        return this.abandon(reservation);
      case 'RESERVED':
        if (!(await this.deps.reservations.transition(orderId, 'RESERVED', 'RELEASING', { leaseMs: this.deps.leaseMs }))) return this.releaseOnce(orderId);
        return this.giveBackAll(reservation);
      case 'RELEASING':
        await this.claimOrThrow(orderId, 'RELEASING');
        return this.giveBackAll(reservation);
    }
  }

  /** A reservation left half-way (its request crashed): give back what it took. */
  private async abandon(reservation: ReservationRecord): Promise<void> {
    await this.claimOrThrow(reservation.orderId, 'PENDING');
    await this.giveBackReserved(reservation.orderId, reservation.lines);
    await this.deps.reservations.transition(reservation.orderId, 'PENDING', 'RELEASED');
  }

  private async giveBackAll({ orderId, lines }: ReservationRecord): Promise<void> {
    for (const line of lines) {
      if (await this.deps.products.releaseLine(orderId, line, pendingEvent('stock'))) this.deps.onChange(line.productId);
    }
    await this.deps.reservations.transition(orderId, 'RELEASING', 'RELEASED');
    this.clearMarks(lines, releaseMark(orderId));
    this.clearMarks(lines, reserveMark(orderId));
  }

  private async giveBackReserved(orderId: string, lines: StockLine[]): Promise<void> {
    for (const line of lines) {
      if (await this.deps.products.undoReservedLine(orderId, line, pendingEvent('stock'))) this.deps.onChange(line.productId);
    }
  }

  /** Marks are only needed while the reservation can still change; a final state makes them garbage. */
  private clearMarks(lines: StockLine[], mark: string): void {
    for (const line of lines) this.deps.marks.add(line.productId, mark);
  }

  private async claimOrThrow(orderId: string, status: 'PENDING' | 'RELEASING'): Promise<void> {
    if (!(await this.deps.reservations.claimExpired(orderId, status, this.deps.leaseMs))) throw inProgress(orderId);
  }

  private async mustFind(orderId: string): Promise<ReservationRecord> {
    const reservation = await this.deps.reservations.find(orderId);
    if (!reservation) throw new Error(`the reservation of order ${orderId} exists and cannot be found`);
    return reservation;
  }
}

/** One line per product, quantities added, in the order products first appear. */
export function mergeLines(items: StockLine[]): StockLine[] {
  const quantities = new Map<string, number>();
  for (const { productId, quantity } of items) quantities.set(productId, (quantities.get(productId) ?? 0) + quantity);
  return [...quantities].map(([productId, quantity]) => ({ productId, quantity }));
}

function sameLines(a: StockLine[], b: StockLine[]): boolean {
  const key = (lines: StockLine[]) => lines.map((l) => `${l.productId}:${l.quantity}`).sort().join(',');
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
  return new AppError(409, 'Conflict', { detail: `Cannot reserve product ${failure.productId} for order ${orderId}: ${message}`, fieldErrors });
}

/** Transient, so a 503 (retry) rather than a 409, which means the stock cannot be had. */
function inProgress(orderId: string): AppError {
  return AppError.unavailable(`The reservation of order ${orderId} is being worked on; try again shortly`);
}
