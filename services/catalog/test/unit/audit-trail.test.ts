import { randomUUID } from 'node:crypto';
import { createAuditTrail, createMemoryAuditStore } from '@pasar/audit';
import { AuditEntry, CUSTOMER_ID_HEADER, STAFF_ROLE_HEADER, type ReindexStatus } from '@pasar/contracts';
import { AppError, createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditIndexFor } from '../../src/data-access/audit-index.ts';
import type { Reindexer } from '../../src/domain/reindex.ts';
import { catalogApi } from '../../src/routes/api-description.ts';
import { REINDEX_STARTED, reindexRoutes } from '../../src/routes/reindex.ts';

/**
 * The audit trail of a reindex an admin starts, through the reindex routes over HTTP: the reindexer
 * is a stand-in that starts, or refuses while one runs (409), and the trail is in memory.
 */
const logger = createLogger('catalog-audit-test', 'silent');
const store = createMemoryAuditStore();
const admin = { [CUSTOMER_ID_HEADER]: randomUUID(), [STAFF_ROLE_HEADER]: 'admin' };
const running: ReindexStatus = { state: 'running', startedAt: new Date().toISOString(), finishedAt: null, result: null, error: null };
let busy = false;
let server: RunningServer;

const reindexer = {
  start() {
    if (busy) throw AppError.conflict('A reindex is already running');
    return running;
  },
  status: () => running,
} satisfies Pick<Reindexer, 'start' | 'status'> as unknown as Reindexer;

beforeAll(async () => {
  const routes = reindexRoutes({ reindexer, trail: createAuditTrail({ store, logger }), alias: 'products' });
  server = await startServer(createServiceApp({ logger, readiness: [], routes }), { port: 0, logger });
});
afterAll(() => server.stop());
beforeEach(() => {
  store.entries.splice(0);
  busy = false;
});

const send = (method: string) => fetch(`http://127.0.0.1:${server.port}/reindex`, { method, headers: admin });

describe('the audit trail of catalog administration', () => {
  it('when an admin starts a reindex, then the trail has it against the alias it rebuilds, with who started it', async () => {
    expect((await send('POST')).status).toBe(202);

    expect(store.entries.map((entry) => AuditEntry.parse(entry))).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        actorId: admin[CUSTOMER_ID_HEADER],
        actorRole: 'admin',
        action: REINDEX_STARTED,
        target: 'products',
      },
    ]);
  });

  it('when a reindex is already running, then the refused start is not recorded', async () => {
    busy = true;

    expect((await send('POST')).status).toBe(409);
    expect(store.entries).toEqual([]);
  });

  it("when the reindex's status is read, then nothing is recorded", async () => {
    expect((await send('GET')).status).toBe(200);
    expect(store.entries).toEqual([]);
  });
});

describe("the catalog's audit index", () => {
  it("when the catalog's index prefix is the test dataset's, then so is its audit index's name (and the dataset's reset removes it)", () => {
    expect(auditIndexFor('products')).toBe('products-audit');
    expect(auditIndexFor('test_products')).toMatch(/^test_products/);
  });

  it('when the description is read, then it describes the audit trail an admin reads', () => {
    expect(catalogApi.operations.filter((op) => op.path === '/admin/audit').map((op) => op.method)).toEqual(['GET']);
  });
});
