import { MongoClient } from 'mongodb';

/** Short server-selection timeout: a store that is down must turn into a quick 503, not a hang. */
export function createMongoClient(url: string): MongoClient {
  return new MongoClient(url, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
}

export async function pingMongo(client: MongoClient, database: string): Promise<void> {
  await client.db(database).command({ ping: 1 });
}
