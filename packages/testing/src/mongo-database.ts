import { MongoClient, type Db } from 'mongodb';
import { stackValue } from './stack.ts';
import { testResourceName } from './test-dataset.ts';

/**
 * A database of its own for one test file, on the stack's FerretDB; drop it in afterAll. The client
 * gives up on the server as quickly as the product service's own does (2 s).
 */
export function ownMongoDatabase(prefix: string): { client: MongoClient; db: Db; name: string; drop: () => Promise<void> } {
  const client = new MongoClient(stackValue('MONGODB_URL'), { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
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
