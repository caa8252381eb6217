import { randomBytes } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { callElasticsearch, errorTypeOf, statusOf } from './elasticsearch.ts';
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

/** Creates, swaps and drops the indices behind the alias. */
export class IndexAdmin {
  private liveIndexReady: Promise<void> | undefined;
  private readonly es: Client;
  readonly names: IndexNames;
  private readonly options: IndexOptions;

  constructor(es: Client, names: IndexNames, options: IndexOptions) {
    this.es = es;
    this.names = names;
    this.options = options;
  }

  /** The alias exists once this resolves; remembered after the first success. */
  ensureLiveIndex(): Promise<void> {
    this.liveIndexReady ??= this.createLiveIndexIfMissing().catch((error: unknown) => {
      this.liveIndexReady = undefined;
      throw error;
    });
    return this.liveIndexReady;
  }

  /** The concrete indices the alias points to (one, except for a moment during a swap). */
  async liveIndices(): Promise<string[]> {
    return this.indicesOf(this.names.alias);
  }

  /** A new, empty index for a rebuild, carrying the building alias (a leftover one is dropped first). */
  async createBuildingIndex(): Promise<string> {
    await this.deleteIndices(await this.indicesOf(this.names.buildingAlias));
    const index = `${this.names.alias}-${timestamp()}-${randomBytes(2).toString('hex')}`;
    await this.createIndex(index, this.names.buildingAlias);
    return index;
  }

  /** Options for slow administrative calls: a long timeout instead of the client's short one. */
  get slowCall() {
    return { requestTimeout: this.options.adminTimeoutMs };
  }

  async refresh(index: string): Promise<void> {
    await callElasticsearch('refresh', () => this.es.indices.refresh({ index }, this.slowCall));
  }

  /** Points the alias at `index` in one atomic _aliases call; returns the indices it pointed to before. */
  async promote(index: string): Promise<string[]> {
    const previous = await this.liveIndices();
    const actions = [
      ...previous.map((old) => ({ remove: { index: old, alias: this.names.alias } })),
      { add: { index, alias: this.names.alias } },
      { remove: { index, alias: this.names.buildingAlias } },
    ];
    await callElasticsearch('swap alias', () => this.es.indices.updateAliases({ actions }, this.slowCall));
    return previous;
  }

  async deleteIndices(indices: string[]): Promise<void> {
    if (indices.length === 0) return;
    await callElasticsearch('delete indices', () => this.es.indices.delete({ index: indices, ignore_unavailable: true }, this.slowCall));
  }

  private async createLiveIndexIfMissing(): Promise<void> {
    if ((await this.liveIndices()).length > 0) return;
    // A fixed name: two instances starting at once create it once, not two indices under one alias.
    await this.createIndex(`${this.names.alias}-initial`, this.names.alias).catch((error: unknown) => {
      if (errorTypeOf(error) !== 'resource_already_exists_exception') throw error;
    });
  }

  private async createIndex(index: string, alias: string): Promise<void> {
    await callElasticsearch('create index', () => this.es.indices.create({
      index,
      settings: productIndexSettings(this.options),
      mappings: productMappings(this.options),
      aliases: { [alias]: {} },
    }, this.slowCall));
  }

  private async indicesOf(alias: string): Promise<string[]> {
    try {
      return Object.keys(await callElasticsearch('read alias', () => this.es.indices.getAlias({ name: alias })));
    } catch (error) {
      if (statusOf(error) === 404) return [];
      throw error;
    }
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:.]/g, '').toLowerCase();
}
