import { randomUUID } from 'node:crypto';
import { AuditPage, ProblemDetails, type AuditEntry } from '@pasar/contracts';
import { createLogger, createServiceApp, startServer, type RunningServer } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditOperation, auditRoutes, createMemoryAuditStore, newAuditEntry, readAuditPage } from '../src/index.ts';

/**
 * GET /admin/audit over a trail in memory, through the service kit as a service runs it: pages newest
 * first that join up without a gap or a repeat, and a problem naming the field for what it refuses.
 */
const logger = createLogger('audit-routes-test', 'silent');
const store = createMemoryAuditStore();
const admin = { id: randomUUID(), role: 'admin' } as const;
let server: RunningServer;
let base: string;

/** An entry of a product restocked at `at`. */
const anEntry = (at: string): AuditEntry => newAuditEntry(admin, { action: 'product.restocked', target: randomUUID() }, new Date(at));

/** Five entries, two of them in the same millisecond (their ids order them). */
const recorded = [
  anEntry('2031-05-01T10:00:00.000Z'),
  anEntry('2031-05-01T10:00:01.000Z'),
  anEntry('2031-05-01T10:00:01.000Z'),
  anEntry('2031-05-01T09:59:59.999Z'),
  anEntry('2031-05-02T00:00:00.000Z'),
];
const newestFirst = [...recorded].sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1)).map((entry) => entry.id);

beforeAll(async () => {
  for (const entry of recorded) await store.append(entry);
  server = await startServer(createServiceApp({ logger, readiness: [], routes: auditRoutes(store) }), { port: 0, logger });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop());

async function get(query: string) {
  const response = await fetch(`${base}/admin/audit${query}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

async function everyPage(limit: number): Promise<AuditPage[]> {
  const pages = [AuditPage.parse((await get(`?limit=${limit}`)).body)];
  while (pages.at(-1)!.nextCursor) pages.push(AuditPage.parse((await get(`?limit=${limit}&cursor=${pages.at(-1)!.nextCursor}`)).body));
  return pages;
}

describe('the audit trail over HTTP', () => {
  it('when it is read page by page, then every entry comes once, newest first, and the last page has no cursor', async () => {
    const pages = await everyPage(2);

    expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
    expect(pages.flatMap((page) => page.items.map((entry) => entry.id))).toEqual(newestFirst);
    expect(pages.at(-1)!.nextCursor).toBeNull();
  });

  it('when no limit is given, then a page holds up to 20 entries as the contract has them', async () => {
    const { status, body } = await get('');

    expect(status).toBe(200);
    expect(AuditPage.parse(body)).toEqual({ items: newestFirst.map((id) => recorded.find((e) => e.id === id)), nextCursor: null });
  });

  it('when the trail is empty, then the page is empty and has no cursor', async () => {
    expect(await readAuditPage(createMemoryAuditStore(), 20, undefined)).toEqual({ items: [], nextCursor: null });
  });

  it.each([
    ['a limit of 0', '?limit=0', 'query.limit'],
    ['a limit over 100', '?limit=101', 'query.limit'],
    ['a limit that is no integer', '?limit=ten', 'query.limit'],
    ['a cursor it never gave out', '?cursor=yesterday', 'query.cursor'],
    ['a parameter it does not know', '?actor=me', 'query.actor'],
  ])('when the query has %s, then it is a 400 problem naming the field', async (_what, query, field) => {
    const { status, type, body } = await get(query);

    expect(status).toBe(400);
    expect(type).toContain('application/problem+json');
    expect(ProblemDetails.parse(body).errors?.map((e) => e.field)).toEqual([field]);
  });

  it.each([1, 100])('when the limit is %i (a bound), then it is taken', async (limit) => {
    expect((await get(`?limit=${limit}`)).status).toBe(200);
  });
});

describe('the audit route and its description', () => {
  it('when the router and the operation are compared, then they are the same method and path', () => {
    const routed = (auditRoutes(store).stack as unknown as Array<{ route: { path: string; methods: object } }>).flatMap(({ route }) =>
      Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`),
    );
    const operation = auditOperation({});

    expect(routed).toEqual([`${operation.method} ${operation.path}`]);
  });
});
