import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { stackValue, testResourceName } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createMongoClient, pingMongo } from '../../src/data-access/mongo.ts';
import { isStoreUnavailable } from '../../src/data-access/store-errors.ts';

const client = createMongoClient(stackValue('MONGODB_URL'));
const database = testResourceName('smoke');
afterAll(async () => {
  await client.db(database).dropDatabase();
  await client.close();
});

describe('the MongoDB wire protocol through the mongodb driver', () => {
  it('answers the readiness ping', async () => {
    await expect(pingMongo(client, database)).resolves.toBeUndefined();
  });

  it('writes, reads, and enforces a unique index', async () => {
    const products = client.db(database).collection<{ sku: string; attributes: Record<string, unknown> }>('products');
    await products.createIndex({ sku: 1 }, { unique: true });
    await products.insertOne({ sku: 'BATIK-1', attributes: { size: 'L', colour: 'indigo' } });

    expect(await products.findOne({ sku: 'BATIK-1' }, { projection: { _id: 0 } })).toEqual({
      sku: 'BATIK-1',
      attributes: { size: 'L', colour: 'indigo' },
    });
    await expect(products.insertOne({ sku: 'BATIK-1', attributes: {} })).rejects.toMatchObject({ code: 11000 });
  });
});

describe('a MongoDB server that stops answering', () => {
  it('when the server holds the connection but never answers, then the command fails as an outage (503) instead of hanging', async () => {
    const frozen = await startFreezableTcpProxy(new URL(stackValue('MONGODB_URL')));
    const hungClient = createMongoClient(`mongodb://127.0.0.1:${frozen.port}/`);
    try {
      await pingMongo(hungClient, database);
      frozen.freeze();

      const error = await pingMongo(hungClient, database).catch((e: unknown) => e);

      expect(isStoreUnavailable(error)).toBe(true);
    } finally {
      await hungClient.close(true).catch(() => undefined);
      await frozen.stop();
    }
  });
});

/** A TCP pass-through to the server that, once frozen, keeps every connection open and forwards nothing. */
async function startFreezableTcpProxy(target: URL): Promise<{ port: number; freeze: () => void; stop: () => Promise<void> }> {
  let frozen = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
    }
    client.on('data', (chunk) => void (frozen || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (frozen || client.write(chunk)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => void (frozen = true),
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
