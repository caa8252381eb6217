import { stackValue, testResourceName } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createMongoClient, pingMongo } from '../../src/data-access/mongo.ts';

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

    expect(await products.findOne({ sku: 'BATIK-1' }, { projection: { _id: 0 } })).toEqual({ sku: 'BATIK-1', attributes: { size: 'L', colour: 'indigo' } });
    await expect(products.insertOne({ sku: 'BATIK-1', attributes: {} })).rejects.toMatchObject({ code: 11000 });
  });
});
