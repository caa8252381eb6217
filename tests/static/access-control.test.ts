import { readFileSync } from 'node:fs';
import path from 'node:path';
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
import { repoRoot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { routedTargets } from '../../services/gateway/src/domain/route-table.ts';

/**
 * components/config.yaml's access control against what the code calls: the gateway's route table and
 * the RPC edges of the design. tests/e2e/access-control.test.ts proves the same through real daprd.
 */
interface Operation {
  name: string;
  httpVerb: string[];
  action: string;
}
interface Policy {
  appId: string;
  defaultAction: string;
  namespace: string;
  operations: Operation[];
}

const config = parse(readFileSync(path.join(repoRoot, 'components/config.yaml'), 'utf8')) as {
  spec: { accessControl: { defaultAction: string; policies: Policy[] } };
};
const { accessControl } = config.spec;
const policyOf = (appId: string) => accessControl.policies.find((p) => p.appId === appId)!;
const PROBES = ['/healthz', '/readyz'];

/** Dapr's matching: an operation covers the paths under it; `*` is one last segment, `**` anything below. */
function covers(operation: string, path: string): boolean {
  const wanted = operation.split('/').slice(1);
  const given = path.split('/').slice(1);
  for (const [i, segment] of wanted.entries()) {
    if (segment === '**') return true;
    if (segment === '*') return i === wanted.length - 1 && given.length === wanted.length;
    if (given[i] !== segment) return false;
  }
  return true;
}

const allows = (caller: string, method: string, path: string) =>
  policyOf(caller).operations.some((op) => op.action === 'allow' && op.httpVerb.includes(method) && covers(op.name, path));

const samplePath = (contract: RpcContract) => contract.path.replace(/:[A-Za-z0-9_]+/g, 'an-id');

const drawnEdges: Record<string, RpcContract[]> = {
  [AppId.catalog]: [getProducts, listProductPage],
  [AppId.order]: [getCustomer, getProducts, reserveStock, releaseStock],
  [AppId.email]: [getCustomer],
  [AppId.payment]: [paymentStatusCallback],
};

describe('the access control of components/config.yaml', () => {
  it('when nothing matches, then the call is denied: globally and for every app', () => {
    expect(accessControl.defaultAction).toBe('deny');
    expect(accessControl.policies.map((p) => p.appId).sort()).toEqual(Object.values(AppId).sort());
    for (const policy of accessControl.policies) expect(policy.defaultAction, policy.appId).toBe('deny');
  });

  it.each(Object.entries(drawnEdges).flatMap(([caller, contracts]) => contracts.map((c) => [caller, c.name, c] as const)))(
    'when %s calls %s (an edge of the design), then a policy allows it',
    (caller, _name, contract) => {
      expect(allows(caller, contract.method, samplePath(contract))).toBe(true);
    },
  );

  it('when a caller other than the gateway has an allowed operation, then it is a probe or one of its drawn edges', () => {
    for (const policy of accessControl.policies.filter((p) => p.appId !== AppId.gateway)) {
      const edges = drawnEdges[policy.appId] ?? [];
      for (const op of policy.operations.filter((o) => !PROBES.includes(o.name))) {
        const justified = edges.some((c) => op.httpVerb.every((verb) => verb === c.method) && covers(op.name, samplePath(c)));
        expect(justified, `${policy.appId} ${op.httpVerb.join(',')} ${op.name}`).toBe(true);
      }
    }
  });

  /** Each service path the gateway routes to, with every method any rule sends there. */
  const gatewayTargets = [
    ...routedTargets()
      .flatMap(({ methods, targets }) => targets.map((target) => ({ target, methods })))
      .reduce(
        (all, { target, methods }) => all.set(target, [...new Set([...(all.get(target) ?? []), ...methods])]),
        new Map<string, string[]>(),
      ),
  ];

  it.each(gatewayTargets.map(([target, methods]) => [target || '/', methods.join(','), methods, target] as const))(
    'when the gateway routes to %s (%s), then a policy allows exactly those methods there',
    (_shown, _methods, methods, target) => {
      const path = target.replace('{customerId}', 'an-id');
      for (const method of methods) expect(allows(AppId.gateway, method, path), `${method} ${path}`).toBe(true);
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => !methods.includes(m)))
        expect(allows(AppId.gateway, method, path), `${method} ${path}`).toBe(false);
    },
  );

  it("when the gateway has an allowed operation, then it is a probe, an upstream's /openapi.json or a target of its route table", () => {
    for (const op of policyOf(AppId.gateway).operations.filter((o) => ![...PROBES, '/openapi.json'].includes(o.name))) {
      const rule = gatewayTargets.find(([target]) => covers(op.name, target.replace('{customerId}', 'an-id')));
      expect(rule, op.name).toBeDefined();
      expect([...op.httpVerb].sort(), op.name).toEqual([...rule![1]].sort());
    }
  });
});

describe("docker compose's Configuration", () => {
  it("when compose's sidecars start, then they enforce components/config.yaml's access control, unchanged", () => {
    const compose = parse(readFileSync(path.join(repoRoot, 'components/compose/config.yaml'), 'utf8')) as typeof config;
    expect(compose.spec.accessControl).toEqual(accessControl);
  });
});
