import type { AuditPosition, AuditStore } from '@pasar/audit';
import type { AuditActorRole, AuditDetails, AuditEntry } from '@pasar/contracts';
import type { Pool, PoolClient } from '@pasar/postgres';
import { storeCall } from './db.ts';

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  actor_role: AuditActorRole;
  action: string;
  target: string;
  details: AuditDetails | null;
}

/** The order service's audit trail, the table `audit_entries` of its schema. */
export function createAuditStore(pool: Pool): AuditStore {
  return {
    append: (entry) => storeCall(() => insertAuditEntry(pool, entry)),

    async page(limit: number, after?: AuditPosition): Promise<AuditEntry[]> {
      const { rows } = await storeCall(() =>
        after
          ? pool.query<AuditRow>('select * from audit_entries where (at, id) < ($2, $3) order by at desc, id desc limit $1', [
              limit,
              after.at,
              after.id,
            ])
          : pool.query<AuditRow>('select * from audit_entries order by at desc, id desc limit $1', [limit]),
      );
      return rows.map(entryOf);
    },
  };
}

/** Writes an entry; given a transaction's client, in the transaction of the action it records. */
export async function insertAuditEntry(client: Pool | PoolClient, entry: AuditEntry): Promise<void> {
  await client.query(
    'insert into audit_entries (id, at, actor_id, actor_role, action, target, details) values ($1, $2, $3, $4, $5, $6, $7)',
    [entry.id, entry.at, entry.actorId, entry.actorRole, entry.action, entry.target, entry.details ? JSON.stringify(entry.details) : null],
  );
}

function entryOf(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorRole: row.actor_role,
    action: row.action,
    target: row.target,
    ...(row.details && { details: row.details }),
  };
}
