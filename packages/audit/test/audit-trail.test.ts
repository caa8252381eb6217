import { randomUUID } from 'node:crypto';
import { AuditEntry } from '@pasar/contracts';
import { createLogger, type Logger } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { createAuditTrail, createMemoryAuditStore } from '../src/index.ts';

/** Recording an action after it succeeded, in a store in memory or one that fails. */
const staff = { id: randomUUID(), role: 'staff' } as const;

/** A logger that keeps what is logged at error level (all the trail logs). */
function recordingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = { error: (fields: Record<string, unknown>) => void lines.push(fields) } as unknown as Logger;
  return { logger, lines };
}

describe('the audit trail', () => {
  it('when an action is recorded, then its entry names the actor, the action, its target and details, with an id and the time', async () => {
    const store = createMemoryAuditStore();
    const trail = createAuditTrail({ store, logger: createLogger('audit-trail-test', 'silent') });
    const productId = randomUUID();
    const before = Date.now();

    await trail.record(staff, { action: 'product.updated', target: productId, details: { fields: ['name', 'price'] } });

    const [entry] = store.entries;
    expect(AuditEntry.parse(entry)).toMatchObject({
      actorId: staff.id,
      actorRole: 'staff',
      action: 'product.updated',
      target: productId,
      details: { fields: ['name', 'price'] },
    });
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before);
  });

  it('when an action has no details, then its entry has none', async () => {
    const store = createMemoryAuditStore();

    await createAuditTrail({ store, logger: createLogger('audit-trail-test', 'silent') }).record(staff, {
      action: 'product.deleted',
      target: randomUUID(),
    });

    expect(store.entries[0]).not.toHaveProperty('details');
  });

  it('when the store fails, then recording does not fail (the action stands) and the whole entry is logged', async () => {
    const { logger, lines } = recordingLogger();
    const failing = { append: () => Promise.reject(new Error('store down')) };
    const target = randomUUID();

    await expect(
      createAuditTrail({ store: failing, logger }).record(staff, { action: 'product.deleted', target }),
    ).resolves.toBeUndefined();

    expect(lines).toHaveLength(1);
    expect(lines[0]!.auditEntry).toMatchObject({ action: 'product.deleted', target, actorId: staff.id });
  });
});
