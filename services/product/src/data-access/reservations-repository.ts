import { guardStoreCalls } from '@pasar/service-kit';
import type { Collection, Db } from 'mongodb';
import { isDuplicateKey, PRODUCT_STORE } from './store-errors.ts';
import type { StockLine } from '../domain/product.ts';
import type { ReservationFailure, ReservationRecord, ReservationStatus } from '../domain/reservation.ts';

interface ReservationDocument extends Omit<ReservationRecord, 'orderId'> {
  _id: string;
}

export type ReservationsRepository = ReturnType<typeof createReservationsRepository>;

/**
 * One document per order id (the unique _id): the record of a stock reservation and its progress.
 * The insert is atomic everywhere (a unique index, FerretDB included). The conditional updates
 * (claimExpired, transition) rely on single-document atomicity, which MongoDB has and FerretDB 1.24
 * has not: there, requests for one order are serialised by the domain (StockReservations).
 */
export function createReservationsRepository(db: Db) {
  const collection: Collection<ReservationDocument> = db.collection<ReservationDocument>('reservations');
  return guardStoreCalls(PRODUCT_STORE, {
    /** Creates the reservation, owned for `leaseMs`. False when one exists for this order already. */
    async insert(orderId: string, status: 'PENDING' | 'RELEASED', lines: StockLine[], leaseMs: number): Promise<boolean> {
      const now = new Date();
      try {
        await collection.insertOne({
          _id: orderId,
          status,
          lines,
          applied: [],
          failure: null,
          leaseUntil: new Date(now.getTime() + leaseMs),
          createdAt: now,
          updatedAt: now,
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },

    async find(orderId: string): Promise<ReservationRecord | null> {
      const document = await collection.findOne({ _id: orderId });
      return document && toRecord(document);
    },

    /** Takes over a reservation in `status` whose lease has run out. False when it is still owned (or moved on). */
    async claimExpired(orderId: string, status: ReservationStatus, leaseMs: number): Promise<boolean> {
      const now = new Date();
      const result = await collection.updateOne(
        { _id: orderId, status, leaseUntil: { $lt: now } },
        { $set: { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
      );
      return result.matchedCount === 1;
    },

    /** Lets anyone resume a reservation still in progress right away (its owner stopped working on it). */
    async expireLease(orderId: string): Promise<void> {
      await collection.updateOne({ _id: orderId, status: { $in: ['PENDING', 'RELEASING'] } }, { $set: { leaseUntil: new Date(0) } });
    },

    /** Moves from one status to the next, owned for `leaseMs` more. False when it was not in `from`. */
    async transition(
      orderId: string,
      from: ReservationStatus,
      to: ReservationStatus,
      changes: { failure?: ReservationFailure; applied?: string[]; leaseMs?: number } = {},
    ): Promise<boolean> {
      const now = new Date();
      const result = await collection.updateOne(
        { _id: orderId, status: from },
        {
          $set: {
            status: to,
            updatedAt: now,
            ...(changes.failure && { failure: changes.failure }),
            ...(changes.applied && { applied: changes.applied }),
            ...(changes.leaseMs !== undefined && { leaseUntil: new Date(now.getTime() + changes.leaseMs) }),
          },
        },
      );
      return result.matchedCount === 1;
    },
  });
}

function toRecord({ _id, ...fields }: ReservationDocument): ReservationRecord {
  return { orderId: _id, ...fields, failure: fields.failure ?? null };
}
