import { cursorOf, cursorPage, ListAuditQuery, positionOfCursor, type AuditPage } from '@pasar/contracts';
import { parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import type { AuditPosition, AuditStore } from './store.ts';

/** Where every service answers its trail; the gateway routes /api/admin/audit/<service> here for admins. */
export const AUDIT_PATH = '/admin/audit';

export function auditRoutes(store: Pick<AuditStore, 'page'>): Router {
  const router = express.Router();
  router.get(AUDIT_PATH, async (req, res) => {
    const { limit, cursor } = parseInput(ListAuditQuery, req.query, 'query');
    res.json(await readAuditPage(store, limit, cursor));
  });
  return router;
}

/** A page of the trail, read one entry longer than the page (see cursorPage). */
export async function readAuditPage(store: Pick<AuditStore, 'page'>, limit: number, cursor: string | undefined): Promise<AuditPage> {
  const entries = await store.page(limit + 1, cursor === undefined ? undefined : positionOfAuditCursor(cursor));
  return cursorPage(entries, limit, (last) => cursorOf(Date.parse(last.at), last.id));
}

/** `<at, epoch ms>_<entry id>`; the query schema (AuditCursor) has checked its form. */
function positionOfAuditCursor(cursor: string): AuditPosition {
  const { position, id } = positionOfCursor(cursor);
  return { at: new Date(Number(position)), id };
}
