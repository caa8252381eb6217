import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AddCartItemRequest, LoginRequest, PlaceOrderFromCartRequest, SearchProductsQuery, UpdateCartItemRequest } from '@pasar/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measure, runLoadPlan } from '../../bench/load/generator.ts';
import { shopSteps, withTypo } from '../../bench/load/shop-scenario.ts';
import { resolveRoute } from '../../services/gateway/src/domain/route-table.ts';

const BODY_CONTRACTS: Record<string, { parse: (value: unknown) => unknown }> = {
  'POST /api/cart/items': AddCartItemRequest,
  'PATCH /api/cart/items/:id': UpdateCartItemRequest,
  'POST /api/orders': PlaceOrderFromCartRequest,
  'POST /api/customers/login': LoginRequest,
};

const shop = {
  productIds: Array.from({ length: 12 }, () => randomUUID()),
  names: ['Kopi Gayo Arabika', 'Kemeja Batik Parang', 'Novel Laskar Pelangi'],
  tokens: ['token-a', 'token-b'],
};

describe('the shop-shaped load (npm run load)', () => {
  const steps = shopSteps(shop, 20);
  const requests = steps.flatMap((step) => step.requests);

  it('when its steps are built, then every request names a gateway route that takes its method', () => {
    for (const request of requests) {
      const path = request.path.split('?')[0]!;
      expect(resolveRoute(request.method, path), `${request.method} ${path}`).toMatchObject({ kind: 'route' });
    }
  });

  it('when its steps are built, then every body and every search query fits its contract', () => {
    for (const request of requests.filter((r) => r.body !== undefined)) {
      const route = `${request.method} ${request.path.replace(/[0-9a-f-]{36}/, ':id')}`;
      expect(BODY_CONTRACTS[route], route).toBeDefined();
      BODY_CONTRACTS[route]!.parse(request.body);
    }
    const searches = requests.filter((r) => r.path.startsWith('/api/catalog/search?'));
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches) SearchProductsQuery.parse(Object.fromEntries(new URLSearchParams(search.path.split('?')[1])));
  });

  it('when a rate is given, then every step gets a share of it, the rare ones at least one request a second', () => {
    expect(steps.map((step) => step.name)).toEqual(['browse', 'search', 'cart', 'checkout', 'login']);
    for (const step of steps) expect(step.rate).toBeGreaterThanOrEqual(1);
    expect(steps.reduce((sum, step) => sum + step.rate!, 0)).toBe(20);
  });

  it('when a word is misspelt, then two neighbouring letters are swapped', () => {
    expect(withTypo('kemeja')).toBe('keemja');
  });
});

describe('the load generator in its own process', () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    server = createServer((req, res) => void res.writeHead(req.url === '/fail' ? 500 : 200).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('when some answers are failures, then they count as errors by status, and each connection sends its sequence in turn', async () => {
    const step = {
      name: 'mixed',
      connections: 1,
      requests: [
        { method: 'GET', path: '/ok' },
        { method: 'GET', path: '/fail' },
      ],
    };

    const figures = await measure(baseUrl, step, { durationSeconds: 1, warmupSeconds: 0 });

    expect(figures.requests).toBeGreaterThan(10);
    expect(figures.errors).toBe(figures.statuses['500']);
    expect(Math.abs(figures.statuses['200']! - figures.statuses['500']!)).toBeLessThanOrEqual(1);
    expect(figures.p50Ms).toBeLessThanOrEqual(figures.p99Ms);
    // A child process and a one-second run: more than the unit default of 5 s on a loaded machine.
  }, 30_000);

  it('when the target is not on loopback, or the run has no end, then it refuses to run', () => {
    const plan = { durationSeconds: 1, warmupSeconds: 0, timeoutSeconds: 1, steps: [] };
    expect(() => runLoadPlan({ ...plan, baseUrl: 'http://192.0.2.1:3000' })).toThrow(/loopback/);
    expect(() => runLoadPlan({ ...plan, baseUrl, durationSeconds: 100_000 })).toThrow(/at most/);
  });
});
