import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  path: string;
  /** The CloudEvent id of a pub/sub delivery (JSON body with an `id`), if any. */
  eventId: string | undefined;
}

export interface CrashProxy {
  port: number;
  /** Every request that reached the app through the proxy, in order. */
  requests: ProxiedRequest[];
  /**
   * The next request matching `match` is forwarded and handled by the app, but its answer never
   * reaches the caller: `crash` runs first (it kills the app) and the caller's connection is cut.
   * Resolves with that request once it happened.
   */
  crashOnAnswer(match: (request: ProxiedRequest) => boolean, crash: () => Promise<void>): Promise<ProxiedRequest>;
  stop(): Promise<void>;
}

/**
 * An HTTP proxy between daprd and an app: the place where "the app crashed after doing the work
 * but before its acknowledgement left" can be made to happen exactly, with no hook in the app.
 * While the app is down, a caller's connection is cut, as it would be by a dead process.
 */
export async function startCrashProxy(appPort: number): Promise<CrashProxy> {
  const requests: ProxiedRequest[] = [];
  let armed:
    { match: (request: ProxiedRequest) => boolean; crash: () => Promise<void>; done: (request: ProxiedRequest) => void } | undefined;

  const forward = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = await readAll(req);
    const request: ProxiedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', eventId: eventIdOf(body) };
    requests.push(request);
    const upstream = http.request(
      { host: '127.0.0.1', port: appPort, method: req.method, path: req.url, headers: req.headers },
      (answer) => void answerOrCrash(answer),
    );
    const answerOrCrash = async (answer: http.IncomingMessage) => {
      const answerBody = await readAll(answer);
      const trap = armed?.match(request) ? armed : undefined;
      if (trap) {
        armed = undefined;
        await trap.crash();
        req.socket.destroy();
        return trap.done(request);
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers).end(answerBody);
    };
    upstream.on('error', () => req.socket.destroy());
    upstream.end(body);
  };
  const server = http.createServer((req, res) => void forward(req, res));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    port: (server.address() as AddressInfo).port,
    requests,
    crashOnAnswer: (match, crash) =>
      new Promise((done) => {
        armed = { match, crash, done };
      }),
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function eventIdOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString()) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id : undefined;
  } catch {
    return undefined;
  }
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}
