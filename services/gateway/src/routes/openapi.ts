import type { AppId } from '@pasar/contracts';
import express from 'express';
import type { Peers } from '../data-access/peers.ts';
import { gatewayDocument, ServiceDocument, type GatewayDocument, type UpstreamDocument } from '../domain/api-document.ts';
import { upstreamApps } from '../domain/route-table.ts';

export const API_VERSION = '1.0.0';
/** A document with a service missing is kept only briefly: the service may be back soon. */
const INCOMPLETE_CACHE_MS = 5000;

export interface OpenApiOptions {
  /** Each service's document must come within this. */
  timeoutMs: number;
  cacheMs: number;
}

/** GET /openapi.json: the public API, assembled from the services' own documents at request time. */
export function openApiRouter(peers: Peers, options: OpenApiOptions): express.Router {
  const router = express.Router();
  const assemble = async () =>
    gatewayDocument(await Promise.all(upstreamApps().map((appId) => documentOf(peers, appId, options.timeoutMs))), API_VERSION);
  const document = cachedFor(assemble, (d) => (isComplete(d) ? options.cacheMs : Math.min(options.cacheMs, INCOMPLETE_CACHE_MS)));
  router.get('/openapi.json', async (req, res) => {
    const answer = await document();
    if (!isComplete(answer)) req.log?.warn({ unavailable: answer['x-pasar-unavailable'] }, 'OpenAPI documents missing');
    res.json(answer);
  });
  return router;
}

/** The app's own /openapi.json; any failure means "unavailable", never an error. */
export async function documentOf(peers: Peers, appId: AppId, timeoutMs: number): Promise<UpstreamDocument> {
  try {
    const answer = await peers.openApiDocumentOf(appId, timeoutMs);
    if (!answer.ok) {
      await answer.body?.cancel();
      return { appId, document: undefined };
    }
    const parsed = ServiceDocument.safeParse(await answer.json());
    return { appId, document: parsed.success ? parsed.data : undefined };
  } catch {
    return { appId, document: undefined };
  }
}

function isComplete(document: GatewayDocument): boolean {
  return document['x-pasar-unavailable'].length === 0;
}

/** One value at a time, shared by concurrent callers, reloaded once it is older than ttlOf(value). */
export function cachedFor<T>(load: () => Promise<T>, ttlOf: (value: T) => number, now: () => number = Date.now): () => Promise<T> {
  let entry: { value: Promise<T>; expiresAt: number } | undefined;
  return () => {
    if (entry && now() < entry.expiresAt) return entry.value;
    const value = load();
    const current = { value, expiresAt: Number.POSITIVE_INFINITY };
    entry = current;
    value.then(
      (loaded) => {
        current.expiresAt = now() + ttlOf(loaded);
      },
      () => {
        current.expiresAt = 0;
      },
    );
    return value;
  };
}
