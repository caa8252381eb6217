import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { callStore } from '@pasar/service-kit';
import { ELASTICSEARCH, errorTypeOf, statusOf } from './elasticsearch.ts';
import { productIndexSettings, productMappings, type IndexOptions } from './index-mapping.ts';

/**
 * Searches and writes go through `alias`. While a reindex builds a new index, that index also
 * carries `buildingAlias`, so product changes arriving meanwhile reach it too.
 */
export interface IndexNames {
  alias: string;
  buildingAlias: string;
}

export function indexNamesFor(prefix: string): IndexNames {
  return { alias: prefix, buildingAlias: `${prefix}-building` };
}

export type IndexAdmin = ReturnType<typeof createIndexAdmin>;

/** Creates, swaps and drops the indices behind the alias. */
export function createIndexAdmin(es: Client, names: IndexNames, options: IndexOptions) {
  let liveIndexReady: Promise<void> | undefined;
  /** Options for slow administrative calls: a long timeout instead of the client's short one. */
  const slowCall = { requestTimeout: options.adminTimeoutMs };

  const indicesOf = async (alias: string): Promise<string[]> => {
    try {
      return Object.keys(await callStore(ELASTICSEARCH, () => es.indices.getAlias({ name: alias }), 'read alias'));
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw error;
    }
  };

  const createIndex = async (index: string, alias: string): Promise<void> => {
    await callStore(
      ELASTICSEARCH,
      () =>
        es.indices.create(
          {
            index,
            settings: productIndexSettings(options),
            mappings: productMappings(options),
            aliases: { [alias]: {} },
          },
          slowCall,
        ),
      'create index',
    );
  };

  const createLiveIndexIfMissing = async (): Promise<void> => {
    if ((await indicesOf(names.alias)).length > 0) return;
    // A fixed name: two instances starting at once create it once, not two indices under one alias.
    await createIndex(`${names.alias}-initial`, names.alias).catch((error: unknown) => {
      if (errorTypeOf(error) !== 'resource_already_exists_exception') throw error;
    });
  };

  const deleteIndices = async (indices: string[]): Promise<void> => {
    if (indices.length === 0) return;
    await callStore(ELASTICSEARCH, () => es.indices.delete({ index: indices, ignore_unavailable: true }, slowCall), 'delete indices');
  };

  return {
    names,
    slowCall,

    /** The alias exists once this resolves; remembered after the first success. */
    ensureLiveIndex(): Promise<void> {
      liveIndexReady ??= createLiveIndexIfMissing().catch((error: unknown) => {
        liveIndexReady = undefined;
        throw error;
      });
      return liveIndexReady;
    },

    /** The concrete indices the alias points to (one, except for a moment during a swap). */
    liveIndices: (): Promise<string[]> => indicesOf(names.alias),

    /** A new, empty index for a rebuild, carrying the building alias (a leftover one is dropped first). */
    async createBuildingIndex(): Promise<string> {
      await deleteIndices(await indicesOf(names.buildingAlias));
      const index = `${names.alias}-${timestamp()}-${randomBytes(2).toString('hex')}`;
      await createIndex(index, names.buildingAlias);
      return index;
    },

    async refresh(index: string): Promise<void> {
      await callStore(ELASTICSEARCH, () => es.indices.refresh({ index }, slowCall), 'refresh');
    },

    /** Points the alias at `index` in one atomic _aliases call; returns the indices it pointed to before. */
    async promote(index: string): Promise<string[]> {
      const previous = await indicesOf(names.alias);
      const actions = [
        ...previous.map((old) => ({ remove: { index: old, alias: names.alias } })),
        { add: { index, alias: names.alias } },
        { remove: { index, alias: names.buildingAlias } },
      ];
      await callStore(ELASTICSEARCH, () => es.indices.updateAliases({ actions }, slowCall), 'swap alias');
      return previous;
    },

    deleteIndices,
  };
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:.]/g, '').toLowerCase();
}
