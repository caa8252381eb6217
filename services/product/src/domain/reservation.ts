import type { StockLine } from './product.ts';

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
