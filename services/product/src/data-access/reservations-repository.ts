import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from './store-errors.ts';
import type { StockLine } from './products-repository.ts';

/**
 * PENDING: taking stock, line by line. RESERVED: every line taken. FAILED: a line lacked stock and
 * what was taken was given back. RELEASING: giving stock back. RELEASED: given back (or released
 * before it was ever reserved: then it has no lines).
 */
export type ReservationStatus = 'PENDING' | 'RESERVED' | 'FAILED' | 'RELEASING' | 'RELEASED';

export interface ReservationFailure {
  productId: string;
  reason: 'insufficient' | 'inactive' | 'missing';
}

export interface ReservationRecord {
  orderId: string;
  status: ReservationStatus;
  lines: StockLine[];
  /**
   * Product ids whose line was applied, recorded with the final status. While PENDING, the marks the
   * lines leave in their products are the record (written atomically with each stock change).
   */
  applied: string[];
  failure: ReservationFailure | null;
  /** Until then, the request that set it owns this reservation; later, another may resume it. */
  leaseUntil: Date;
  createdAt: Date;
  updatedAt: Date;
}

interface ReservationDocument extends Omit<ReservationRecord, 'orderId'> {
  _id: string;
}

/**
 * One document per order id (the unique _id): the record of a stock reservation and its progress.
 * The insert is atomic everywhere (a unique index, FerretDB included). The conditional updates
 * (claimExpired, transition) rely on single-document atomicity, which MongoDB has and FerretDB 1.24
 * has not: there, requests for one order are serialised by the domain (StockReservations).
 */
export class ReservationsRepository {
  private readonly collection: Collection<ReservationDocument>;

  constructor(db: Db) {
    this.collection = db.collection<ReservationDocument>('reservations');
  }

  /** Creates the reservation, owned for `leaseMs`. False when one exists for this order already. */
  async insert(orderId: string, status: 'PENDING' | 'RELEASED', lines: StockLine[], leaseMs: number): Promise<boolean> {
    const now = new Date();
    try {
      await this.collection.insertOne({
        _id: orderId, status, lines, applied: [], failure: null, leaseUntil: new Date(now.getTime() + leaseMs), createdAt: now, updatedAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async find(orderId: string): Promise<ReservationRecord | null> {
    const document = await this.collection.findOne({ _id: orderId });
    return document && toRecord(document);
  }

  /** Takes over a reservation in `status` whose lease has run out. False when it is still owned (or moved on). */
  async claimExpired(orderId: string, status: ReservationStatus, leaseMs: number): Promise<boolean> {
    const now = new Date();
    const result = await this.collection.updateOne(
      { _id: orderId, status, leaseUntil: { $lt: now } },
      { $set: { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
    );
    return result.matchedCount === 1;
  }

  /** Lets anyone resume a reservation still in progress right away (its owner stopped working on it). */
  async expireLease(orderId: string): Promise<void> {
    await this.collection.updateOne({ _id: orderId, status: { $in: ['PENDING', 'RELEASING'] } }, { $set: { leaseUntil: new Date(0) } });
  }

  /** Moves from one status to the next, owned for `leaseMs` more. False when it was not in `from`. */
  async transition(orderId: string, from: ReservationStatus, to: ReservationStatus, changes: { failure?: ReservationFailure; applied?: string[]; leaseMs?: number } = {}): Promise<boolean> {
    const now = new Date();
    const result = await this.collection.updateOne({ _id: orderId, status: from }, {
      $set: {
        status: to,
        updatedAt: now,
        ...(changes.failure && { failure: changes.failure }),
        ...(changes.applied && { applied: changes.applied }),
        ...(changes.leaseMs !== undefined && { leaseUntil: new Date(now.getTime() + changes.leaseMs) }),
      },
    });
    return result.matchedCount === 1;
  }
}

function toRecord({ _id, ...fields }: ReservationDocument): ReservationRecord {
  return { orderId: _id, ...fields, failure: fields.failure ?? null };
}
