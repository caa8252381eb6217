import type { ReindexResult, ReindexStatus } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { IndexAdmin } from '../data-access/index-admin.ts';
import type { ProductIndex } from '../data-access/product-index.ts';
import type { Peers } from '../data-access/peers.ts';
import { documentFor } from './index-maintenance.ts';

export interface ReindexDeps {
  admin: IndexAdmin;
  index: Pick<ProductIndex, 'load'>;
  peers: Peers;
  pageSize: number;
  logger: Logger;
}

interface CopyCounts {
  indexed: number;
  hidden: number;
  pages: number;
}

export type Reindexer = ReturnType<typeof createReindexer>;

/**
 * Rebuilds the whole index from the product service into a new index, then moves the alias to it
 * in one atomic step: searches see the old index until the new one is complete, never an empty one.
 * A rebuild outlasts any RPC deadline, so it runs in the background and reports its status.
 */
export function createReindexer(deps: ReindexDeps) {
  const { admin, index, peers, pageSize, logger } = deps;
  let running: Promise<ReindexResult> | undefined;
  let current: ReindexStatus = { state: 'idle', startedAt: null, finishedAt: null, result: null, error: null };

  function begin(): Promise<ReindexResult> {
    if (running) throw AppError.conflict('A reindex is already running');
    current = { state: 'running', startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null };
    running = rebuildOnce().then(
      (result) => {
        settle({ state: 'succeeded', result, error: null });
        return result;
      },
      (error: unknown) => {
        logger.error({ err: error }, 'reindex failed: the alias still points to the previous index');
        settle({ state: 'failed', result: null, error: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
    return running;
  }

  function settle(outcome: Pick<ReindexStatus, 'state' | 'result' | 'error'>): void {
    current = { ...current, ...outcome, finishedAt: new Date().toISOString() };
    running = undefined;
  }

  async function rebuildOnce(): Promise<ReindexResult> {
    const started = performance.now();
    const building = await admin.createBuildingIndex();
    try {
      const counts = await copyEveryProduct(building);
      await admin.refresh(building);
      const previousIndices = await admin.promote(building);
      await dropQuietly(previousIndices);
      return { alias: admin.names.alias, index: building, previousIndices, ...counts, tookMs: Math.round(performance.now() - started) };
    } catch (error) {
      await dropQuietly([building]);
      throw error;
    }
  }

  /** Pages through listProductPage until nextCursor is null. */
  async function copyEveryProduct(target: string): Promise<CopyCounts> {
    const counts: CopyCounts = { indexed: 0, hidden: 0, pages: 0 };
    let cursor: string | null = null;
    do {
      const page = await peers.listPage(cursor, pageSize);
      if (page.nextCursor !== null && page.nextCursor === cursor)
        throw new AppError(502, 'Bad Gateway', { detail: 'listProductPage returned the same cursor again' });
      const documents = page.products.map(documentFor);
      await index.load(target, documents);
      counts.indexed += documents.length;
      counts.hidden += documents.filter((document) => !document.visible).length;
      counts.pages++;
      cursor = page.nextCursor;
    } while (cursor !== null);
    return counts;
  }

  /** An index left behind costs disk, not correctness: log it rather than fail the reindex. */
  async function dropQuietly(indices: string[]): Promise<void> {
    await admin.deleteIndices(indices).catch((error: unknown) => {
      logger.warn({ err: error, indices }, 'could not delete an old catalog index');
    });
  }

  return {
    status: (): ReindexStatus => current,

    /** Starts a rebuild in the background (409 while one runs) and returns its status. */
    start(): ReindexStatus {
      begin().catch(() => undefined); // the outcome is recorded in the status
      return current;
    },

    /** Rebuilds and waits for the outcome. */
    rebuild: async (): Promise<ReindexResult> => begin(),
  };
}
