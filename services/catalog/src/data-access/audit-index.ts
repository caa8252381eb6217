import type { Client, estypes } from '@elastic/elasticsearch';
import type { AuditPosition, AuditStore } from '@pasar/audit';
import type { AuditEntry } from '@pasar/contracts';
import { callStore } from '@pasar/service-kit';
import { ELASTICSEARCH, errorTypeOf } from './elasticsearch.ts';

/** The catalog's audit trail has an index of its own beside the product indices (a test's prefix covers it too). */
export function auditIndexFor(prefix: string): string {
  return `${prefix}-audit`;
}

/** Strict, as the product mapping: `details` is kept as written, never indexed. */
const auditMappings: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    at: { type: 'date' },
    actorId: { type: 'keyword' },
    actorRole: { type: 'keyword' },
    action: { type: 'keyword' },
    target: { type: 'keyword' },
    details: { type: 'object', enabled: false },
  },
};

export interface AuditIndexOptions {
  replicas: number;
  /** Creating the index may be slower than the client's short timeout. */
  adminTimeoutMs: number;
}

export type AuditIndex = ReturnType<typeof createAuditIndex>;

/**
 * The catalog's audit trail in Elasticsearch. An entry is written after the action it records has
 * succeeded, and is searchable when the write returns (refresh wait_for): an admin who reads the
 * trail right after sees it.
 */
export function createAuditIndex(es: Client, index: string, options: AuditIndexOptions) {
  let ready: Promise<void> | undefined;

  // Asked first with the client's short timeout, so a node that does not answer holds up no start for long.
  const createIfMissing = async (): Promise<void> => {
    if (await es.indices.exists({ index })) return;
    try {
      await es.indices.create(
        { index, settings: { number_of_shards: 1, number_of_replicas: options.replicas }, mappings: auditMappings },
        { requestTimeout: options.adminTimeoutMs },
      );
    } catch (error) {
      if (errorTypeOf(error) !== 'resource_already_exists_exception') throw error;
    }
  };

  /** The index exists once this resolves; remembered after the first success. */
  const ensureIndex = (): Promise<void> => {
    ready ??= callStore(ELASTICSEARCH, createIfMissing, 'create audit index').catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };

  return {
    ensureIndex,

    async append(entry: AuditEntry): Promise<void> {
      await ensureIndex();
      await callStore(ELASTICSEARCH, () => es.create({ index, id: entry.id, document: entry, refresh: 'wait_for' }), 'record audit entry');
    },

    async page(limit: number, after?: AuditPosition): Promise<AuditEntry[]> {
      await ensureIndex();
      const result = await callStore(
        ELASTICSEARCH,
        () =>
          es.search<AuditEntry>({
            index,
            size: limit,
            sort: [{ at: 'desc' }, { id: 'desc' }],
            ...(after && { search_after: [after.at.getTime(), after.id] }),
          }),
        'read audit entries',
      );
      return result.hits.hits.flatMap((hit) => (hit._source ? [hit._source] : []));
    },
  } satisfies AuditStore & { ensureIndex: () => Promise<void> };
}
