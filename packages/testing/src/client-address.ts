import http from 'node:http';
import { randomInt } from 'node:crypto';

/**
 * An address of this machine other than 127.0.0.1 (Linux answers the whole of 127.0.0.0/8 on the
 * loopback): a client of its own for a server counting per address, which no other test shares.
 */
export function aLoopbackClientAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** fetch's answer for one request sent from `localAddress` (fetch cannot choose its source address). */
export function fetchFrom(
  localAddress: string,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, localAddress }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', reject);
      answer.on('end', () => resolve(responseOf(answer, Buffer.concat(chunks))));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

function responseOf(answer: http.IncomingMessage, body: Buffer): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(answer.headers)) {
    for (const one of [value ?? []].flat()) headers.append(name, one);
  }
  const status = answer.statusCode ?? 0;
  return new Response(status === 204 || status === 304 ? null : body, { status, headers });
}
