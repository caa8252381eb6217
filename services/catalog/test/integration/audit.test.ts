import { randomUUID } from 'node:crypto';
import { createAuditTrail, newAuditEntry, readAuditPage, type AuditActor } from '@pasar/audit';
import { AuditPage, type AuditEntry } from '@pasar/contracts';
import { createLogger } from '@pasar/service-kit';
import { deleteElasticsearchIndices, stackValue, testResourceName } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { auditIndexFor, createAuditIndex } from '../../src/data-access/audit-index.ts';
import { createElasticsearchClient } from '../../src/data-access/elasticsearch.ts';

/**
 * The catalog's audit trail in an index of its own, under a prefix of this file's own, against the
 * stack's node: created once whoever asks first, entries searchable as soon as they are written and
 * read back whole, newest first, page by page.
 */
const prefix = testResourceName('catalog_audit');
const es = createElasticsearchClient(stackValue('ELASTICSEARCH_URL'));
const openTrail = () => createAuditIndex(es, auditIndexFor(prefix), { replicas: 0, adminTimeoutMs: 30_000 });
const store = openTrail();
const admin: AuditActor = { id: randomUUID(), role: 'admin' };

afterAll(async () => {
  await deleteElasticsearchIndices(prefix);
  await es.close();
});

const entryAt = (at: string, details?: AuditEntry['details']) =>
  newAuditEntry(admin, { action: 'catalog.reindex-started', target: prefix, ...(details && { details }) }, new Date(at));

async function everyEntry(): Promise<AuditEntry[]> {
  const pages = [await readAuditPage(store, 2, undefined)];
  while (pages.at(-1)!.nextCursor) pages.push(await readAuditPage(store, 2, pages.at(-1)!.nextCursor!));
  return pages.flatMap((page) => AuditPage.parse(page).items);
}

describe("the catalog's audit trail, against Elasticsearch", () => {
  it('when nothing was recorded yet, then the trail is empty (its index made on first use)', async () => {
    expect(await readAuditPage(store, 20, undefined)).toEqual({ items: [], nextCursor: null });
  });

  it('when another instance asks for the index as well, then it finds it made and goes on', async () => {
    await expect(openTrail().ensureIndex()).resolves.toBeUndefined();
  });

  it('when entries are appended, then the pages read them back whole at once, newest first, those of one millisecond by id', async () => {
    const written = [
      entryAt('2031-06-01T10:00:00.000Z', { fields: ['alias'], pages: 3, dryRun: false }),
      entryAt('2031-06-01T10:00:00.000Z'),
      entryAt('2031-06-01T09:00:00.000Z'),
      entryAt('2031-06-02T00:00:00.000Z'),
    ];
    for (const entry of written) await store.append(entry);

    const read = (await everyEntry()).filter((entry) => written.some((w) => w.id === entry.id));

    const newestFirst = [...written].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
    expect(read).toEqual(newestFirst);
  });

  it('when the trail records an action with no actor named, then it reads back with none and an unknown role', async () => {
    const logger = createLogger('catalog-audit-test', 'silent');

    await createAuditTrail({ store, logger }).record(
      { id: null, role: 'unknown' },
      { action: 'catalog.reindex-started', target: 'elsewhere' },
    );

    expect((await everyEntry()).find((entry) => entry.target === 'elsewhere')).toMatchObject({ actorId: null, actorRole: 'unknown' });
  });
});
