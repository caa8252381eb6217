import { randomUUID } from 'node:crypto';
import { createAuditTrail, newAuditEntry, readAuditPage, type AuditActor } from '@pasar/audit';
import { AuditPage, type AuditEntry } from '@pasar/contracts';
import { ownMongoDatabase } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditStore } from '../../src/data-access/audit-store.ts';
import { silentLogger } from '../support/domain.ts';

/**
 * The product service's audit trail in its collection, on a database of this file's own: entries
 * read back whole, newest first, page by page (FerretDB as the service runs on it). Each test reads
 * only the entries it wrote (by their target).
 */
const database = ownMongoDatabase('product_audit');
const store = createAuditStore(database.db);
const admin: AuditActor = { id: randomUUID(), role: 'admin' };

beforeAll(() => store.ensureIndexes());
afterAll(() => database.drop());

const entryAt = (at: string, target: string, details?: AuditEntry['details']) =>
  newAuditEntry(admin, { action: 'product.updated', target, ...(details && { details }) }, new Date(at));

async function everyEntry(): Promise<AuditEntry[]> {
  const pages = [await readAuditPage(store, 2, undefined)];
  while (pages.at(-1)!.nextCursor) pages.push(await readAuditPage(store, 2, pages.at(-1)!.nextCursor!));
  return pages.flatMap((page) => AuditPage.parse(page).items);
}

describe("the product service's audit trail, against its store", () => {
  it('when entries are appended, then the pages read them back whole, newest first, those of one millisecond by id', async () => {
    const target = randomUUID();
    const written = [
      entryAt('2031-06-01T10:00:00.000Z', target, { fields: ['name', 'price'] }),
      entryAt('2031-06-01T10:00:00.000Z', target, { stock: 40 }),
      entryAt('2031-06-01T09:00:00.000Z', target),
      entryAt('2031-06-02T00:00:00.000Z', target),
    ];
    for (const entry of written) await store.append(entry);

    const read = (await everyEntry()).filter((entry) => entry.target === target);

    const newestFirst = [...written].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
    expect(read).toEqual(newestFirst);
  });

  it('when an entry names no actor, then it reads back with none and an unknown role', async () => {
    const target = randomUUID();
    await store.append(newAuditEntry({ id: null, role: 'unknown' }, { action: 'product.deleted', target }));

    expect((await everyEntry()).find((entry) => entry.target === target)).toMatchObject({ actorId: null, actorRole: 'unknown' });
  });

  it('when the trail records an action, then the entry is in the store', async () => {
    const target = randomUUID();

    await createAuditTrail({ store, logger: silentLogger }).record(admin, { action: 'product.restocked', target, details: { stock: 7 } });

    expect((await everyEntry()).filter((entry) => entry.target === target)).toMatchObject([
      { action: 'product.restocked', actorId: admin.id, actorRole: 'admin', details: { stock: 7 } },
    ]);
  });

  it('when the indexes are made again (another start), then nothing fails', async () => {
    await expect(store.ensureIndexes()).resolves.toBeUndefined();
  });
});
