import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { AppError } from './errors.ts';

/** The header daprd carries APP_API_TOKEN in, to its app (and the app DAPR_API_TOKEN in, to daprd). */
export const DAPR_API_TOKEN_HEADER = 'dapr-api-token';

/**
 * Kubernetes and daprd probe these, and Prometheus scrapes /metrics at the app's own port, without
 * the token; none of them changes anything.
 */
const UNGUARDED_READS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Takes only the calls that carry the app's token, which only its own daprd knows: anything else
 * reaching the app's port (another process, a fuzzer) gets a 401 problem before any route runs.
 */
export function onlyFromSidecar(app: RequestListener, token: string): RequestListener {
  const expected = Buffer.from(token);
  return (req, res) => {
    if (isUnguardedRead(req) || carriesToken(req, expected)) return void app(req, res);
    refuse(req, res);
  };
}

function isUnguardedRead(req: IncomingMessage): boolean {
  return req.method === 'GET' && UNGUARDED_READS.has((req.url ?? '').split('?')[0]!);
}

function carriesToken(req: IncomingMessage, expected: Buffer): boolean {
  const given = req.headers[DAPR_API_TOKEN_HEADER];
  if (typeof given !== 'string') return false;
  const presented = Buffer.from(given);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function refuse(req: IncomingMessage, res: ServerResponse): void {
  const problem = AppError.unauthorized(
    `Only this app's Dapr sidecar may call it: the ${DAPR_API_TOKEN_HEADER} header is missing or wrong`,
  );
  res.writeHead(401, { 'content-type': 'application/problem+json' });
  res.end(JSON.stringify(problem.toProblem(req.url)));
}
