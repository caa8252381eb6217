import { actorOf, type AuditTrail } from '@pasar/audit';
import express from 'express';
import type { Reindexer } from '../domain/reindex.ts';

/** The audit trail's action of a reindex started by an admin. */
export const REINDEX_STARTED = 'catalog.reindex-started';

/**
 * Catalog administration: the gateway routes both for admin tokens (/api/admin/catalog/reindex). A
 * started reindex is recorded in the audit trail against the alias it rebuilds.
 */
export function reindexRoutes({ reindexer, trail, alias }: { reindexer: Reindexer; trail: AuditTrail; alias: string }): express.Router {
  const router = express.Router();
  router.post('/reindex', async (req, res) => {
    const status = reindexer.start();
    await trail.record(actorOf(req), { action: REINDEX_STARTED, target: alias });
    res.status(202).location('/reindex').json(status);
  });
  router.get('/reindex', (_req, res) => {
    res.json(reindexer.status());
  });
  return router;
}
