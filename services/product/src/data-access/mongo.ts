import { MongoClient } from 'mongodb';

/**
 * A store that is down must turn into a quick 503, not a hang: a short server selection, and a
 * socket timeout for a server that accepts the connection but never answers (FerretDB did, once,
 * after a kill; without it the app hung at start and every request waited for ever).
 */
export function createMongoClient(url: string): MongoClient {
  return new MongoClient(url, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000, socketTimeoutMS: 10_000 });
}

export async function pingMongo(client: MongoClient, database: string): Promise<void> {
  await client.db(database).command({ ping: 1 });
}
