import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineRpc } from '@pasar/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DaprClient, RpcError } from '../src/dapr-client.ts';
import { AppError } from '../src/errors.ts';
import { runWithContext } from '../src/request-context.ts';

/** What reached the fake sidecar. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (seen: Seen, res: ServerResponse) => void;

/** A stand-in for daprd's HTTP API: each test says how it answers; every request is recorded. */
class FakeSidecar {
  readonly seen: Seen[] = [];
  answer: Answer = noContent;
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      const seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      this.seen.push(seen);
      this.answer(seen, res);
    });
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const noContent: Answer = (_seen, res) => void res.writeHead(204).end();
const json =
  (status: number, body: unknown, type = 'application/json'): Answer =>
  (_seen, res) =>
    void res.writeHead(status, { 'content-type': type }).end(JSON.stringify(body));

const getGreeting = defineRpc({
  name: 'greeter.getGreeting',
  appId: 'greeter' as never,
  method: 'POST',
  path: '/internal/greetings/:name',
  params: z.object({ name: z.string() }),
  body: z.object({ language: z.enum(['en', 'id']) }),
  response: z.object({ greeting: z.string() }),
});

const greet = (dapr: DaprClient, options: { timeoutMs?: number } = {}) =>
  dapr.invoke(getGreeting, { params: { name: 'Ayu' }, body: { language: 'id' } }, options);

const sidecar = new FakeSidecar();
let dapr: DaprClient;

beforeAll(async () => {
  dapr = new DaprClient({ host: '127.0.0.1', httpPort: await sidecar.start(), timeoutMs: 2000 });
});
afterEach(() => {
  sidecar.seen.length = 0;
  sidecar.answer = noContent;
});
afterAll(() => sidecar.stop());

describe('invoke through the SDK', () => {
  it('when the callee answers, then its validated answer comes back, the call carried the body and trace headers, and its deadline timer is gone', async () => {
    sidecar.answer = json(200, { greeting: 'Halo, Ayu' });
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const timersBefore = activeTimers();

    const answer = await runWithContext({ requestId: 'req-1', traceparent }, () => greet(dapr));

    expect(answer).toEqual({ greeting: 'Halo, Ayu' });
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
    const [request] = sidecar.seen;
    expect(request).toMatchObject({ method: 'POST', url: '/v1.0/invoke/greeter/method/internal/greetings/Ayu', body: '{"language":"id"}' });
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', traceparent, 'x-request-id': 'req-1' });
  });

  it("when the callee answers a problem, then an RpcError with the callee's status and problem", async () => {
    sidecar.answer = json(
      409,
      { type: 'about:blank', title: 'Conflict', status: 409, detail: 'not enough stock' },
      'application/problem+json',
    );

    const error = await greet(dapr).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ status: 409, title: 'Conflict', message: 'not enough stock', problem: { detail: 'not enough stock' } });
  });

  it('when the callee answers a non-JSON failure, then an RpcError with its status and the text as detail', async () => {
    sidecar.answer = (_seen, res) => void res.writeHead(502, { 'content-type': 'text/plain' }).end('upstream broke');

    const error = await greet(dapr).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ status: 502, problem: { detail: 'upstream broke' } });
  });

  it("when daprd itself fails the call (the callee cannot be reached), then 503, not daprd's 500", async () => {
    sidecar.answer = json(500, { errorCode: 'ERR_DIRECT_INVOKE', message: 'failed to invoke, id: greeter' });

    const error = await greet(dapr).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).not.toBeInstanceOf(RpcError);
    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('ERR_DIRECT_INVOKE') });
  });

  it('when the answer does not match the contract, then 502', async () => {
    sidecar.answer = json(200, { hello: 'Ayu' });

    await expect(greet(dapr)).rejects.toMatchObject({ status: 502 });
  });

  it('when the input does not match the contract, then nothing is sent', async () => {
    await expect(dapr.invoke(getGreeting, { params: { name: 'Ayu' }, body: { language: 'fr' as never } })).rejects.toThrow();

    expect(sidecar.seen).toEqual([]);
  });

  it('when no answer comes within the deadline, then 504 at the deadline, and the late answer is ignored', async () => {
    let answerLate!: () => void;
    sidecar.answer = (_seen, res) => {
      answerLate = () => json(200, { greeting: 'too late' })(_seen, res);
    };
    const started = performance.now();

    const error = await greet(dapr, { timeoutMs: 150 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 504 });
    expect(performance.now() - started).toBeLessThan(1000);
    answerLate();
  });
});

describe('publish through the SDK', () => {
  it('when publishing, then the CloudEvent id is the event id, the trace goes on in the CloudEvent, and the body is the JSON message', async () => {
    const message = { eventId: '6f1c1c1e-0d3a-4d0e-9f55-3a1f1f7c2b11', id: 'x', source: 's', type: 't', specversion: '1.0' };
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    await runWithContext({ requestId: 'req-2', traceparent }, () => dapr.publishUnchecked('orders', message, message.eventId));

    const [request] = sidecar.seen;
    const url = new URL(request!.url, 'http://sidecar');
    expect(url.pathname).toBe('/v1.0/publish/pubsub/orders');
    expect(url.searchParams.get('metadata.cloudevent.id')).toBe(message.eventId);
    expect(url.searchParams.get('metadata.cloudevent.traceparent')).toBe(traceparent);
    // Looks like a CloudEvent, yet is published as the data of one.
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual(message);
  });

  it('when the sidecar refuses the message, then 503 (the SDK returns the failure instead of throwing it)', async () => {
    sidecar.answer = json(500, { errorCode: 'ERR_PUBSUB_PUBLISH_MESSAGE', message: 'broker down' });

    const error = await dapr.publishUnchecked('orders', { n: 1 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 503, message: expect.stringContaining('broker down') });
  });
});

describe('a state store through the SDK', () => {
  const carts = () => dapr.stateStore<{ items: string[] }>('carts');

  it('when a key holds a value, then get gives it with its ETag', async () => {
    sidecar.answer = json(200, [{ key: 'cart-1', data: { items: ['a'] }, etag: '7' }]);

    expect(await carts().get('cart-1')).toEqual({ value: { items: ['a'] }, etag: '7' });
    expect(sidecar.seen[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/^\/v1\.0\/state\/carts\/bulk/) });
    expect(JSON.parse(sidecar.seen[0]!.body)).toMatchObject({ keys: ['cart-1'] });
  });

  it('when a key holds nothing, then get gives undefined', async () => {
    sidecar.answer = json(200, [{ key: 'cart-1' }]);

    expect(await carts().get('cart-1')).toBeUndefined();
  });

  it('when saving with an ETag and a TTL, then the write is conditional (first-write) and carries ttlInSeconds', async () => {
    await carts().save('cart-1', { items: ['a', 'b'] }, { etag: '7', ttlSeconds: 30 * 24 * 3600 });

    expect(sidecar.seen[0]).toMatchObject({ method: 'POST', url: expect.stringMatching(/^\/v1\.0\/state\/carts\??$/) });
    expect(JSON.parse(sidecar.seen[0]!.body)).toEqual([
      {
        key: 'cart-1',
        value: { items: ['a', 'b'] },
        etag: '7',
        options: { concurrency: 'first-write' },
        metadata: { ttlInSeconds: '2592000' },
      },
    ]);
  });

  it('when saving without an ETag, then the write is unconditional', async () => {
    await carts().save('cart-1', { items: [] });

    expect(JSON.parse(sidecar.seen[0]!.body)).toEqual([{ key: 'cart-1', value: { items: [] }, options: {} }]);
  });

  it('when the ETag is stale, then save and delete fail with 409 Conflict (the SDK returns the failure instead of throwing it)', async () => {
    sidecar.answer = (seen, res) =>
      seen.url.includes('/bulk')
        ? json(200, [{ key: 'cart-1', data: { items: ['b'] }, etag: '8' }])(seen, res)
        : json(409, { errorCode: 'ERR_STATE_SAVE', message: 'possible etag mismatch' })(seen, res);

    await expect(carts().save('cart-1', { items: [] }, { etag: '6' })).rejects.toMatchObject({ status: 409 });
    await expect(carts().delete('cart-1', { etag: '6' })).rejects.toMatchObject({ status: 409 });
  });

  it('when deleting with an ETag, then it goes as If-Match with first-write concurrency, the key encoded', async () => {
    await carts().delete('cart/1', { etag: '7' });

    const [request] = sidecar.seen;
    const url = new URL(request!.url, 'http://sidecar');
    expect(request).toMatchObject({ method: 'DELETE', headers: { 'if-match': '7' } });
    expect(url.pathname).toBe('/v1.0/state/carts/cart%2F1');
    expect(url.searchParams.get('concurrency')).toBe('first-write');
  });

  it('when creating a key that holds nothing, then the write is first-write without an ETag, and create says true', async () => {
    expect(await carts().create('cart-1', { items: [] }, { ttlSeconds: 60 })).toBe(true);

    expect(JSON.parse(sidecar.seen[0]!.body)).toEqual([
      {
        key: 'cart-1',
        value: { items: [] },
        options: { concurrency: 'first-write' },
        metadata: { ttlInSeconds: '60' },
      },
    ]);
  });

  it('when creating a key that someone else created, then create says false (daprd refuses it with a 500, the key is there)', async () => {
    sidecar.answer = (seen, res) =>
      seen.url.includes('/bulk')
        ? json(200, [{ key: 'cart-1', data: { items: ['a'] }, etag: '1' }])(seen, res)
        : json(500, { errorCode: 'ERR_STATE_SAVE', message: 'failed to set key cart-1' })(seen, res);

    expect(await carts().create('cart-1', { items: [] })).toBe(false);
  });

  it('when creating fails and the key is not there, then 503 (the store is down, not taken)', async () => {
    sidecar.answer = (seen, res) =>
      seen.url.includes('/bulk')
        ? json(200, [{ key: 'cart-1' }])(seen, res)
        : json(500, { errorCode: 'ERR_STATE_SAVE', message: 'redis down' })(seen, res);

    await expect(carts().create('cart-1', { items: [] })).rejects.toMatchObject({
      status: 503,
      message: expect.stringContaining('redis down'),
    });
  });

  it('when a write naming an ETag is refused as a mismatch but the value still has that ETag (the store failed), then 503, not 409', async () => {
    sidecar.answer = (seen, res) =>
      seen.url.includes('/bulk')
        ? json(200, [{ key: 'cart-1', data: { items: ['a'] }, etag: '7' }])(seen, res)
        : json(409, {
            errorCode: 'ERR_STATE_SAVE',
            message: 'possible etag mismatch. error from state store: dial tcp: connection refused',
          })(seen, res);

    await expect(carts().save('cart-1', { items: [] }, { etag: '7' })).rejects.toMatchObject({ status: 503 });
    await expect(carts().delete('cart-1', { etag: '7' })).rejects.toMatchObject({ status: 503 });
  });

  it('when the store is down, daprd answers a bulk read 200 with the error on the item: then get is a 503, not "nothing there"', async () => {
    sidecar.answer = json(200, [{ key: 'cart-1', error: 'dial tcp 127.0.0.1:6379: connect: connection refused' }]);

    await expect(carts().get('cart-1')).rejects.toMatchObject({ status: 503, message: expect.stringContaining('connection refused') });
  });

  it('when the store fails, then 503', async () => {
    sidecar.answer = json(500, { errorCode: 'ERR_STATE_GET', message: 'redis down' });

    await expect(carts().get('cart-1')).rejects.toMatchObject({ status: 503, message: expect.stringContaining('redis down') });
  });
});

describe('the raw pass-through (invokeRaw)', () => {
  it('when a body is forwarded, then it arrives whole with its length, the trace headers go along, and the answer keeps its status, headers and body', async () => {
    sidecar.answer = (_seen, res) =>
      void res.writeHead(201, { 'content-type': 'application/json', location: '/orders/1' }).end('{"id":"1"}');

    const answer = await runWithContext({ requestId: 'req-raw' }, () =>
      dapr.invokeRaw('order', 'POST', '/orders', {
        body: '{"qty":2}',
        headers: { 'content-type': 'application/json' },
        query: new URLSearchParams({ a: 'b c' }),
      }),
    );

    expect(sidecar.seen[0]).toMatchObject({ method: 'POST', url: '/v1.0/invoke/order/method/orders?a=b+c', body: '{"qty":2}' });
    expect(sidecar.seen[0]!.headers).toMatchObject({ 'content-length': '9', 'x-request-id': 'req-raw' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBe('/orders/1');
    expect(await answer.json()).toEqual({ id: '1' });
  });

  it('when the answer is a 204, then a Response without a body', async () => {
    const answer = await dapr.invokeRaw('order', 'DELETE', '/cart/items/1');

    expect(answer.status).toBe(204);
    expect(await answer.text()).toBe('');
  });

  it('when no answer comes within the deadline, then 504', async () => {
    let answerLate!: () => void;
    sidecar.answer = (seen, res) => {
      answerLate = () => json(200, {})(seen, res);
    };

    const error = await dapr.invokeRaw('order', 'GET', '/orders', { timeoutMs: 100 }).catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 504 });
    answerLate();
  });

  it('when nothing listens on the sidecar port, then 503', async () => {
    const down = new DaprClient({ host: '127.0.0.1', httpPort: await closedPort(), timeoutMs: 5000 });

    await expect(down.invokeRaw('order', 'GET', '/orders')).rejects.toMatchObject({ status: 503 });
  });
});

describe('a sidecar that cannot be reached', () => {
  it('when nothing listens on its port, then invoke, publish and metadata fail with 503 within a second, never waiting for it to start', async () => {
    const down = new DaprClient({ host: '127.0.0.1', httpPort: await closedPort(), timeoutMs: 5000 });
    const started = performance.now();

    const errors = await Promise.all(
      [greet(down), down.publishUnchecked('orders', { n: 1 }), down.metadata()].map((call) => call.catch((e: unknown) => e)),
    );

    for (const error of errors) expect(error).toMatchObject({ status: 503, message: expect.stringContaining('cannot be reached') });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
