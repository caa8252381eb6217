import { stackValue, testResourceName } from '@pasar/testing';
import type { Db, MongoClient } from 'mongodb';
import { createMongoClient } from '../../src/data-access/mongo.ts';

/** A database of its own for one test file, on the stack's FerretDB; drop it in afterAll. */
export function ownDatabase(prefix: string): { client: MongoClient; db: Db; name: string; drop: () => Promise<void> } {
  const client = createMongoClient(stackValue('MONGODB_URL'));
  const name = testResourceName(prefix);
  const db = client.db(name);
  return {
    client,
    db,
    name,
    drop: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
