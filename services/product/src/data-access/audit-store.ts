import type { AuditPosition, AuditStore } from '@pasar/audit';
import type { AuditActorRole, AuditDetails, AuditEntry } from '@pasar/contracts';
import { guardStoreCalls } from '@pasar/service-kit';
import type { Collection, Db, Filter } from 'mongodb';
import { PRODUCT_STORE } from './store-errors.ts';

interface AuditDocument {
  _id: string;
  at: Date;
  actorId: string | null;
  actorRole: AuditActorRole;
  action: string;
  target: string;
  details?: AuditDetails;
}

export type ProductAuditStore = ReturnType<typeof createAuditStore>;

/**
 * The product service's audit trail, the `audit_entries` collection. FerretDB has no transactions,
 * so an entry is written after the action it records has succeeded (see @pasar/audit's trail).
 */
export function createAuditStore(db: Db) {
  const collection: Collection<AuditDocument> = db.collection<AuditDocument>('audit_entries');
  return guardStoreCalls(PRODUCT_STORE, {
    async ensureIndexes(): Promise<void> {
      await collection.createIndex({ at: -1, _id: -1 }, { name: 'newest_first' });
    },

    async append(entry: AuditEntry): Promise<void> {
      const { id, at, ...rest } = entry;
      await collection.insertOne({ _id: id, at: new Date(at), ...rest });
    },

    async page(limit: number, after?: AuditPosition): Promise<AuditEntry[]> {
      const query: Filter<AuditDocument> = after ? { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after.id } }] } : {};
      const documents = await collection.find(query).sort({ at: -1, _id: -1 }).limit(limit).toArray();
      return documents.map(entryOf);
    },
  }) satisfies AuditStore;
}

function entryOf({ _id, at, actorId, actorRole, action, target, details }: AuditDocument): AuditEntry {
  return { id: _id, at: at.toISOString(), actorId, actorRole, action, target, ...(details && { details }) };
}
