import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOREFRONT_CONTENT_SECURITY_POLICY, storefrontRouter } from '../../src/routes/storefront.ts';

const built = mkdtempSync(path.join(tmpdir(), 'storefront-'));
const script = 'console.log("the storefront");';
let server: Server;
let port: number;

/** The gateway's order: the storefront last, then whatever answers a path nobody took (here a plain 404). */
function appServing(directory: string): express.Express {
  const app = express();
  app.use(storefrontRouter(directory));
  app.use((_req, res) => void res.status(404).send('not the storefront'));
  return app;
}

/** A raw GET (fetch would decode the body and hide the encoding that was sent). */
function get(pathname: string, headers: Record<string, string> = {}, to = port) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request({ host: '127.0.0.1', port: to, path: pathname, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

beforeAll(async () => {
  mkdirSync(path.join(built, 'assets'));
  writeFileSync(path.join(built, 'index.html'), '<!doctype html><title>Pasar</title>');
  writeFileSync(path.join(built, 'assets/index-abc123.js'), script);
  writeFileSync(path.join(built, 'assets/index-abc123.js.br'), brotliCompressSync(script));
  server = appServing(built).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.close();
  rmSync(built, { recursive: true, force: true });
});

describe('the gateway serves the built storefront', () => {
  it.each(['/', '/product/0b7c6a8e-1c1f-4d55-a3a4-0a5f5b0f7e01', '/account', '/orders/x?y=1'])(
    'when a page path (%s) is asked, then index.html, not cached, under the storefront policy',
    async (pathname) => {
      const answer = await get(pathname);

      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expect(answer.body.toString()).toContain('<title>Pasar</title>');
      expect(answer.headers['cache-control']).toBe('no-cache');
      expect(answer.headers['content-security-policy']).toBe(STOREFRONT_CONTENT_SECURITY_POLICY);
    },
  );

  it('when a browser that takes Brotli asks for a script, then the precompressed twin, kept for a year', async () => {
    const answer = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br' });

    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
    expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.vary).toContain('Accept-Encoding');
    expect(answer.body.equals(brotliCompressSync(script))).toBe(true);
  });

  it('when a client takes no encoding, then the script as it is', async () => {
    const answer = await get('/assets/index-abc123.js', { 'accept-encoding': 'identity' });

    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe(script);
  });

  it.each([
    '/api/nothing-here',
    '/api',
    '/docs/missing.js',
    '/openapi.json',
    '/healthz',
    '/readyz',
    '/dapr/subscribe',
    '/assets/missing.js',
    '/favicon.ico',
    '/assets/../index.html',
  ])('when %s is asked, then the storefront leaves it to the rest of the gateway', async (pathname) => {
    const answer = await get(pathname);

    expect(answer.status).toBe(404);
    expect(answer.body.toString()).toBe('not the storefront');
  });

  it("when nothing was built, then no path is the storefront's", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'storefront-none-'));
    const bare = appServing(empty).listen(0, '127.0.0.1');
    await new Promise((resolve) => bare.once('listening', resolve));
    try {
      const answer = await get('/', {}, (bare.address() as AddressInfo).port);
      expect(answer.status).toBe(404);
    } finally {
      bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
