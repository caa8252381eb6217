import type { AuditEntry } from '@pasar/contracts';
import { positionOf, trailOrder, type AuditStore } from './store.ts';

/** A trail in memory, for tests: `entries` is what was appended, in the order it was. */
export function createMemoryAuditStore(): AuditStore & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    append: async (entry) => void entries.push(structuredClone(entry)),
    async page(limit, after) {
      const inOrder = [...entries].sort((a, b) => trailOrder(positionOf(a), positionOf(b)));
      const remaining = after ? inOrder.filter((entry) => trailOrder(positionOf(entry), after) > 0) : inOrder;
      return structuredClone(remaining.slice(0, limit));
    },
  };
}
