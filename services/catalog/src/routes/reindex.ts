import express from 'express';
import type { Reindexer } from '../domain/reindex.ts';

/** Internal administration, reached through Dapr service invocation; POST is not routed by the gateway. */
export function reindexRoutes(reindexer: Reindexer): express.Router {
  const router = express.Router();
  router.post('/reindex', (_req, res) => {
    res.status(202).location('/reindex').json(reindexer.start());
  });
  router.get('/reindex', (_req, res) => {
    res.json(reindexer.status());
  });
  return router;
}
