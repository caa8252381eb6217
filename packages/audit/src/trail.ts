import type { Logger } from '@pasar/service-kit';
import type { AuditActor } from './actor.ts';
import { newAuditEntry, type AuditedAction } from './entry.ts';
import type { AuditStore } from './store.ts';

export type AuditTrail = ReturnType<typeof createAuditTrail>;

/**
 * Records a staff action once it has succeeded, for stores where the entry cannot share the action's
 * transaction. The action has happened by then, so a failed append does not undo or fail it: the
 * entry goes to the log whole instead.
 */
export function createAuditTrail({ store, logger }: { store: Pick<AuditStore, 'append'>; logger: Logger }) {
  return {
    async record(actor: AuditActor, action: AuditedAction): Promise<void> {
      const entry = newAuditEntry(actor, action);
      try {
        await store.append(entry);
      } catch (error) {
        logger.error({ err: error, auditEntry: entry }, 'audit entry not stored; the action stands and the entry is in this line');
      }
    },
  };
}
