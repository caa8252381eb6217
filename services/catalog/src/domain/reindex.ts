import type { ReindexResult, ReindexStatus } from '@pasar/contracts';
import { AppError, type Logger } from '@pasar/service-kit';
import type { IndexAdmin } from '../data-access/index-admin.ts';
import type { ProductIndex } from '../data-access/product-index.ts';
import type { ProductSource } from '../data-access/peers.ts';
import { documentFor } from './index-maintenance.ts';

export interface ReindexDeps {
  admin: IndexAdmin;
  index: Pick<ProductIndex, 'load'>;
  products: ProductSource;
  pageSize: number;
  logger: Logger;
}

interface CopyCounts {
  indexed: number;
  hidden: number;
  pages: number;
}

/**
 * Rebuilds the whole index from the product service into a new index, then moves the alias to it
 * in one atomic step: searches see the old index until the new one is complete, never an empty one.
 * A rebuild outlasts any RPC deadline, so it runs in the background and reports its status.
 */
export class Reindexer {
  private running: Promise<ReindexResult> | undefined;
  private current: ReindexStatus = { state: 'idle', startedAt: null, finishedAt: null, result: null, error: null };

  private readonly deps: ReindexDeps;

  constructor(deps: ReindexDeps) {
    this.deps = deps;
  }

  status(): ReindexStatus {
    return this.current;
  }

  /** Starts a rebuild in the background (409 while one runs) and returns its status. */
  start(): ReindexStatus {
    this.begin().catch(() => undefined); // the outcome is recorded in the status
    return this.current;
  }

  /** Rebuilds and waits for the outcome. */
  async rebuild(): Promise<ReindexResult> {
    return this.begin();
  }

  private begin(): Promise<ReindexResult> {
    if (this.running) throw AppError.conflict('A reindex is already running');
    this.current = { state: 'running', startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null };
    this.running = this.rebuildOnce().then(
      (result) => {
        this.settle({ state: 'succeeded', result, error: null });
        return result;
      },
      (error: unknown) => {
        this.deps.logger.error({ err: error }, 'reindex failed: the alias still points to the previous index');
        this.settle({ state: 'failed', result: null, error: error instanceof Error ? error.message : String(error) });
        throw error;
      },
    );
    return this.running;
  }

  private settle(outcome: Pick<ReindexStatus, 'state' | 'result' | 'error'>): void {
    this.current = { ...this.current, ...outcome, finishedAt: new Date().toISOString() };
    this.running = undefined;
  }

  private async rebuildOnce(): Promise<ReindexResult> {
    const started = performance.now();
    const { admin } = this.deps;
    const index = await admin.createBuildingIndex();
    try {
      const counts = await this.copyEveryProduct(index);
      await admin.refresh(index);
      const previousIndices = await admin.promote(index);
      await this.dropQuietly(previousIndices);
      return { alias: admin.names.alias, index, previousIndices, ...counts, tookMs: Math.round(performance.now() - started) };
    } catch (error) {
      await this.dropQuietly([index]);
      throw error;
    }
  }

  /** Pages through listProductPage until nextCursor is null. */
  private async copyEveryProduct(index: string): Promise<CopyCounts> {
    const counts: CopyCounts = { indexed: 0, hidden: 0, pages: 0 };
    let cursor: string | null = null;
    do {
      const page = await this.deps.products.listPage(cursor, this.deps.pageSize);
      if (page.nextCursor !== null && page.nextCursor === cursor) throw new AppError(502, 'Bad Gateway', { detail: 'listProductPage returned the same cursor again' });
      const documents = page.products.map(documentFor);
      await this.deps.index.load(index, documents);
      counts.indexed += documents.length;
      counts.hidden += documents.filter((document) => !document.visible).length;
      counts.pages++;
      cursor = page.nextCursor;
    } while (cursor !== null);
    return counts;
  }

  /** An index left behind costs disk, not correctness: log it rather than fail the reindex. */
  private async dropQuietly(indices: string[]): Promise<void> {
    await this.deps.admin.deleteIndices(indices).catch((error: unknown) => {
      this.deps.logger.warn({ err: error, indices }, 'could not delete an old catalog index');
    });
  }
}
