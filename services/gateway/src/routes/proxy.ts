import { randomUUID } from 'node:crypto';
import { CUSTOMER_ID_HEADER, IDEMPOTENCY_KEY_HEADER, STAFF_ROLE_HEADER } from '@pasar/contracts';
import { AppError, assertSafePath, isSidecarError } from '@pasar/service-kit';
import express, { type Request, type Response } from 'express';
import type { Peers } from '../data-access/peers.ts';
import { authorize, type Caller, type TokenVerifier } from '../domain/auth.ts';
import { FORWARDED_REQUEST_HEADERS, FORWARDED_RESPONSE_HEADERS } from '../domain/forwarding.ts';
import { resolveRoute, upstreamOf } from '../domain/route-table.ts';

// Kept over http-proxy-middleware: it streams what this must read (daprd's own failure vs the service's problem),
// passes every header unless each is removed, and adds five packages; the route table, header allowlist and error mapping stay code either way.
export function apiRouter(peers: Peers, tokens: TokenVerifier, upstreamTimeoutMs: number): express.Router {
  const router = express.Router();
  router.all(/^\/api(\/.*)?$/, async (req, res) => {
    assertSafePath(req.path);
    const resolution = resolveRoute(req.method, req.path);
    if (resolution.kind === 'no-route') throw AppError.notFound(`No API route for ${req.method} ${req.path}`);
    if (resolution.kind === 'method-not-allowed') {
      res.setHeader('Allow', resolution.allowed.join(', '));
      throw new AppError(405, 'Method Not Allowed', { detail: `${req.method} is not allowed on ${req.path}` });
    }
    const access = upstreamOf(resolution, req.method, undefined).access;
    const caller = access === 'public' ? await optionalCaller(tokens, req) : await tokens.callerOf(req.headers.authorization);
    if (access === 'staff' || access === 'admin') authorize(access, caller!);
    const upstream = upstreamOf(resolution, req.method, caller?.customerId);
    const answer = await peers.forward(upstream.appId, req.method, upstream.path, {
      query: queryOf(req),
      headers: forwardedHeaders(req, caller),
      body: bodyOf(req),
      timeoutMs: upstreamTimeoutMs,
    });
    await relay(answer, res, upstream.appId);
  });
  return router;
}

/** On public routes a valid token still says who is asking (a search is then theirs); a bad one is ignored. */
async function optionalCaller(tokens: TokenVerifier, req: Request): Promise<Caller | undefined> {
  if (!req.headers.authorization) return undefined;
  return tokens.callerOf(req.headers.authorization).catch(() => undefined);
}

function queryOf(req: Request): URLSearchParams {
  const raw = req.originalUrl.indexOf('?');
  return new URLSearchParams(raw === -1 ? '' : req.originalUrl.slice(raw + 1));
}

function forwardedHeaders(req: Request, caller: Caller | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  // daprd retries a call whose connection broke, even after the service did the work: a key makes
  // such a retry of a POST answer the first result (the order service honours it) instead of a second order.
  if (req.method === 'POST') headers[IDEMPOTENCY_KEY_HEADER] ??= randomUUID();
  headers['x-forwarded-for'] = req.ip ?? '';
  if (caller) headers[CUSTOMER_ID_HEADER] = caller.customerId;
  if (caller?.role) headers[STAFF_ROLE_HEADER] = caller.role;
  return headers;
}

/** The kit has parsed JSON bodies (and refused malformed or oversized ones): send them on as JSON. */
function bodyOf(req: Request): string | undefined {
  if (req.method === 'GET' || req.method === 'HEAD' || req.body === undefined) return undefined;
  return JSON.stringify(req.body);
}

/** The service's answer goes back as it came, unless the failure was daprd's or not an answer at all. */
async function relay(answer: globalThis.Response, res: Response, appId: string): Promise<void> {
  const body = Buffer.from(await answer.arrayBuffer());
  if (answer.status >= 500) {
    const payload = parseJson(body);
    if (isSidecarError(payload)) throw AppError.unavailable(`The ${appId} service is unavailable`);
    if (!answer.headers.get('content-type')?.includes('problem+json')) {
      throw new AppError(502, 'Bad Gateway', { detail: `The ${appId} service failed (${answer.status})` });
    }
  }
  res.status(answer.status);
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value) res.setHeader(name, value);
  }
  res.end(body);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
