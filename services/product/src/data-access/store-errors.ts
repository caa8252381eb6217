import type { DataStore } from '@pasar/service-kit';
import {
  MongoClientClosedError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerClosedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';

/**
 * The store cannot be reached (down, wrong address, connection lost) or is busy (FerretDB's SQLite
 * answers "database is locked" while another writer holds it): the caller gets a 503 to retry.
 */
export function isStoreUnavailable(error: unknown): boolean {
  return (
    isStoreBusy(error) ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNetworkError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoServerClosedError ||
    error instanceof MongoClientClosedError ||
    error instanceof MongoTopologyClosedError
  );
}

/** For the kit's store-outage helper: every repository here runs its calls through it (guardStoreCalls). */
export const PRODUCT_STORE: DataStore = { name: 'The product store', isOutage: isStoreUnavailable };

function isStoreBusy(error: unknown): boolean {
  return error instanceof MongoServerError && error.message.includes('SQLITE_BUSY');
}

/**
 * A unique index refused the write. MongoDB says 11000; FerretDB says so on insert, but on update it
 * answers InternalError carrying SQLite's "UNIQUE constraint failed".
 */
export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  return error.code === 11000 || error.message.includes('UNIQUE constraint failed');
}
