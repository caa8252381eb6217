import { randomUUID } from 'node:crypto';
import {
  AppId,
  getCustomer,
  getProducts,
  listProductPage,
  paymentStatusCallback,
  releaseStock,
  reserveStock,
  type RpcContract,
} from '@pasar/contracts';
import { createServiceApp, sidecarCheck } from '@pasar/service-kit';
import { isolatedNameResolution, startAppWithSidecar, startSentry, type ApiTokens, type AppUnderTest, type Sentry } from '@pasar/testing';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routedTargets } from '../../services/gateway/src/domain/route-table.ts';

/**
 * components/config.yaml's access control, enforced by real daprd sidecars that know each other's
 * app ids from a real Sentry (mTLS), and the tokens between each app and its sidecar. Behind every
 * sidecar, under its real app id, is an app that records what reaches it: a refused call must
 * never arrive, so it cannot change anything.
 */
const tokens: ApiTokens = { app: `app-${randomUUID()}`, dapr: `dapr-${randomUUID()}` };

interface Reached {
  method: string;
  path: string;
}

const apps = {} as Record<AppId, AppUnderTest>;
const reached = {} as Record<AppId, Reached[]>;
let sentry: Sentry;

function recordingApp(appId: AppId, nameResolutionDb: string): Promise<AppUnderTest> {
  reached[appId] = [];
  return startAppWithSidecar({
    appId,
    broker: 'redis',
    nameResolutionDb,
    accessControl: sentry,
    apiTokens: tokens,
    build: ({ logger, dapr }) => {
      const routes = express.Router();
      routes.use((req, res) => {
        reached[appId].push({ method: req.method, path: req.path });
        res.json({ ok: true });
      });
      return { app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) };
    },
  });
}

/** One call from `caller`'s sidecar to `callee`: the status, and whether it reached the callee's app. */
async function call(caller: AppId, callee: AppId, method: string, path: string): Promise<{ status: number; arrived: boolean }> {
  const before = reached[callee].length;
  const response = await apps[caller].dapr.invokeRaw(callee, method, path, {
    ...(method !== 'GET' && method !== 'HEAD' && { body: '{}', headers: { 'content-type': 'application/json' } }),
  });
  await response.arrayBuffer();
  const arrived = reached[callee].slice(before).some((r) => r.method === method && r.path === path);
  return { status: response.status, arrived };
}

/** The contract's path with a fresh id for each parameter. */
const rpcPath = (contract: RpcContract) => contract.path.replace(/:[A-Za-z0-9_]+/g, () => randomUUID());

/** The RPC edges the design draws (../shared/seed/README.md), by caller. */
const drawnEdges: Array<[AppId, RpcContract]> = [
  [AppId.catalog, getProducts],
  [AppId.catalog, listProductPage],
  [AppId.order, getCustomer],
  [AppId.order, getProducts],
  [AppId.order, reserveStock],
  [AppId.order, releaseStock],
  [AppId.email, getCustomer],
  [AppId.payment, paymentStatusCallback],
];

/** The gateway's edges: each target of its route table, with every method it routes there. */
const gatewayEdges = routedTargets().flatMap(({ appId, methods, targets }) =>
  targets.flatMap((target) => {
    const path = target.replace('{customerId}', randomUUID());
    const paths = target.includes('{customerId}') ? [`${path}/timeline`] : [path, `${path}/${randomUUID()}`];
    return paths.flatMap((p) => methods.map((method) => [appId, method, p] as const));
  }),
);

beforeAll(async () => {
  sentry = await startSentry();
  const nameResolutionDb = isolatedNameResolution();
  await Promise.all(Object.values(AppId).map(async (appId) => (apps[appId] = await recordingApp(appId, nameResolutionDb))));
});

afterAll(async () => {
  await Promise.all(Object.values(apps).map((app) => app.stop()));
  await sentry?.stop();
});

describe('the calls the design draws', () => {
  it.each(drawnEdges.map(([caller, contract]) => [caller, contract.name, contract] as const))(
    'when %s calls %s, then it reaches the callee',
    async (caller, _name, contract) => {
      const path = rpcPath(contract);
      expect(await call(caller, contract.appId, contract.method, path)).toEqual({ status: 200, arrived: true });
    },
  );

  it.each(gatewayEdges)('when the gateway calls %s %s %s (its route table), then it reaches the callee', async (callee, method, path) => {
    expect(await call(AppId.gateway, callee, method, path)).toEqual({ status: 200, arrived: true });
  });

  it("when the gateway reads an upstream service's /openapi.json, then it reaches it", async () => {
    expect(await call(AppId.gateway, AppId.product, 'GET', '/openapi.json')).toEqual({ status: 200, arrived: true });
  });
});

describe('calls the design does not draw', () => {
  it.each([
    ['email calls the order callback', AppId.email, AppId.order, 'POST', rpcPath(paymentStatusCallback)],
    ['catalog calls getCustomer', AppId.catalog, AppId.customer, 'GET', rpcPath(getCustomer)],
    ['payment calls getCustomer', AppId.payment, AppId.customer, 'GET', rpcPath(getCustomer)],
    ['email reserves stock', AppId.email, AppId.product, 'POST', rpcPath(reserveStock)],
    ['catalog reserves stock', AppId.catalog, AppId.product, 'POST', rpcPath(reserveStock)],
    ['the gateway calls an internal RPC', AppId.gateway, AppId.customer, 'GET', rpcPath(getCustomer)],
    ['the gateway calls the order callback', AppId.gateway, AppId.order, 'POST', rpcPath(paymentStatusCallback)],
    ['the gateway asks for a page of every product', AppId.gateway, AppId.product, 'POST', rpcPath(listProductPage)],
    ['product calls order', AppId.product, AppId.order, 'GET', '/orders'],
    ['activity calls customer', AppId.activity, AppId.customer, 'GET', '/customers/me'],
  ])("when %s, then the callee's sidecar refuses it (403) and the app never sees it", async (_what, caller, callee, method, path) => {
    expect(await call(caller, callee, method, path)).toEqual({ status: 403, arrived: false });
  });

  const productAdministration = [
    ['POST', '/products'],
    ['PATCH', `/products/${randomUUID()}`],
    ['DELETE', `/products/${randomUUID()}`],
    ['POST', '/categories'],
    ['PUT', '/categories/electronics'],
  ] as const;
  const otherApps = Object.values(AppId).filter((appId) => appId !== AppId.product);
  // The gateway alone may manage products, on /api/admin/products for staff tokens (its route table checks the role).
  const refusedAdministration = otherApps.flatMap((caller) =>
    productAdministration
      .filter(([, path]) => caller !== AppId.gateway || !path.startsWith('/products'))
      .map(([method, path]) => [caller, method, path] as const),
  );
  it.each(refusedAdministration)(
    "when %s calls product's administration %s %s, then it is refused and the app never sees it",
    async (caller, method, path) => {
      expect(await call(caller, AppId.product, method, path)).toEqual({ status: 403, arrived: false });
    },
  );
});

describe('the tokens between an app and its sidecar', () => {
  it('when a process calls an app on its own port without the token, then it is a 401 and the app never sees it', async () => {
    const before = reached[AppId.product].length;
    const response = await fetch(`${apps[AppId.product].appUrl}/products`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(401);
    expect(reached[AppId.product].length).toBe(before);
  });

  it('when a process calls a sidecar without its API token, then daprd refuses it (401) and the app never sees it', async () => {
    const before = reached[AppId.product].length;
    const response = await fetch(`${apps[AppId.product].sidecar.url}/v1.0/invoke/product/method/products`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(401);
    expect(reached[AppId.product].length).toBe(before);
  });

  it('when an app calls through its own sidecar with the token, then the call arrives carrying the app token', async () => {
    expect(await call(AppId.product, AppId.product, 'POST', '/products')).toEqual({ status: 200, arrived: true });
  });
});
