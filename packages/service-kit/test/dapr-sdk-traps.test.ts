import type { AddressInfo } from 'node:net';
import { CommunicationProtocolEnum, DaprServer, LogLevel } from '@dapr/dapr';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Why the kit answers deliveries on its own route instead of through the SDK's DaprServer (see the
 * README's "Dapr SDK notes"), pinned against the installed SDK: when an upgrade fixes one of these,
 * this fails and the notes need a look.
 */
describe("the SDK's DaprServer subscription route", () => {
  const savedEnv = { ...process.env };
  const seen: unknown[] = [];
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    const server = new DaprServer({
      serverHttp: app,
      serverPort: '0',
      communicationProtocol: CommunicationProtocolEnum.HTTP,
      clientOptions: { daprHost: '127.0.0.1', daprPort: '1' },
      logger: { level: LogLevel.Error, service: silent },
    });
    await server.pubsub.subscribe('pubsub', 'failing', async (data) => {
      seen.push(data);
      throw new Error('database down');
    });
    // Routes are registered at subscribe time; start() would listen on every interface and wait for a sidecar.
    const listener = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => listener.once('listening', resolve));
    base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    close = () => listener.close();
  });

  afterAll(() => {
    close();
    process.env = savedEnv;
  });

  const deliver = (data: unknown) =>
    fetch(`${base}/pubsub--failing--default`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({ id: 'event-1', specversion: '1.0', source: 'test', type: 'com.dapr.event.sent', data }),
    }).then((response) => response.json());

  it('acknowledges a message whose handler threw (dapr/js-sdk#720): the message would be lost', async () => {
    expect(await deliver({ n: 1 })).toEqual({ status: 'SUCCESS' });
  });

  it('hands the handler the data alone (no CloudEvent id), or the whole CloudEvent when the data is falsy', async () => {
    seen.length = 0;
    await deliver({ n: 1 });
    await deliver(0);

    expect(seen).toEqual([{ n: 1 }, expect.objectContaining({ id: 'event-1', data: 0 })]);
  });

  it('sets process-wide environment variables when constructed', () => {
    expect(process.env.DAPR_CLIENT_PORT).toBe('1');
  });
});

const silent = { error() {}, warn() {}, info() {}, verbose() {}, debug() {} };
