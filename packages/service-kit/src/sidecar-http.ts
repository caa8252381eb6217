import http from 'node:http';

/**
 * Pooled keep-alive connections to the sidecar for the raw pass-through (invokeRaw). Plain
 * node:http rather than fetch: under load, undici's fetch (its web streams and wasm parser) was a
 * fifth of the gateway's CPU. Idle sockets are closed after 4 s, as undici does, before daprd's
 * server would drop them under a request.
 */
const sidecarAgent = new http.Agent({ keepAlive: true, timeout: 4000 });

/** Statuses whose Response must have no body (the Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export interface SidecarRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer | undefined;
  timeoutMs: number;
}

/**
 * One HTTP exchange with the sidecar, the whole answer read, as a fetch Response. Past `timeoutMs`
 * it rejects with a DOMException named TimeoutError, as fetch with AbortSignal.timeout does.
 */
export function requestSidecar(url: string, request: SidecarRequest): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    const outgoing = http.request(url, { method: request.method, headers, agent: sidecarAgent }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', fail);
      answer.on('end', () => {
        clearTimeout(timer);
        resolve(responseOf(answer, Buffer.concat(chunks)));
      });
    });
    const timer = setTimeout(
      () => outgoing.destroy(new DOMException(`no answer within ${request.timeoutMs} ms`, 'TimeoutError')),
      request.timeoutMs,
    );
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    outgoing.on('error', fail);
    outgoing.end(request.body);
  });
}

function responseOf(answer: http.IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (let i = 0; i < answer.rawHeaders.length; i += 2) headers.append(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
  const status = answer.statusCode ?? 502;
  return new Response(NULL_BODY_STATUSES.has(status) ? null : body, { status, statusText: answer.statusMessage ?? '', headers });
}
