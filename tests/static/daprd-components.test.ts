import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/**
 * The native stack's daprd is built with only the component types listed in
 * scripts/stack/daprd-components.txt (scripts/stack/components/dapr.sh). A sidecar that loads a
 * component of a type left out fails to start, so every type components/ uses must be listed.
 */

interface DaprResource {
  kind?: string;
  spec?: {
    type?: string;
    nameResolution?: { component?: string };
    httpPipeline?: { handlers?: Array<{ type: string }> };
    appHttpPipeline?: { handlers?: Array<{ type: string }> };
  };
}

/** The component types a set of Dapr resources needs daprd to have. */
function componentTypesUsedBy(resources: DaprResource[]): Set<string> {
  const types = new Set<string>();
  for (const { kind, spec = {} } of resources) {
    if (kind === 'Component' && spec.type) types.add(spec.type);
    if (kind !== 'Configuration') continue;
    // Without a nameResolution, daprd outside Kubernetes resolves with mDNS.
    types.add(`nameresolution.${spec.nameResolution?.component ?? 'mdns'}`);
    for (const handler of [...(spec.httpPipeline?.handlers ?? []), ...(spec.appHttpPipeline?.handlers ?? [])]) types.add(handler.type);
  }
  return types;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => path.join(dir, file));
}

function resourcesUnder(dir: string): DaprResource[] {
  return yamlFilesUnder(dir).flatMap((file) => parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as DaprResource));
}

function slimBuildTypes(): string[] {
  return readFileSync(path.join(repoRoot, 'scripts/stack/daprd-components.txt'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean);
}

const daprCategories = [
  'bindings',
  'configuration',
  'conversation',
  'crypto',
  'lock',
  'middleware',
  'nameresolution',
  'pubsub',
  'secretstores',
  'state',
];

describe('the component set of the native daprd build', () => {
  it('when a folder of components/ loads a component type, then the slim build registers it', () => {
    const used = componentTypesUsedBy(resourcesUnder(path.join(repoRoot, 'components')));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((type) => !slimBuildTypes().includes(type))).toEqual([]);
  });

  it('when the list names a type, then it is a Dapr category followed by a component name', () => {
    for (const type of slimBuildTypes()) expect(type, type).toMatch(new RegExp(`^(${daprCategories.join('|')})\\.[a-z0-9][a-z0-9.-]*$`));
  });

  it('when a Configuration names no name resolution, then mDNS is needed, and its pipeline middleware too', () => {
    const used = componentTypesUsedBy([
      { kind: 'Configuration', spec: { httpPipeline: { handlers: [{ type: 'middleware.http.ratelimit' }] } } },
      { kind: 'Configuration', spec: { nameResolution: { component: 'sqlite' } } },
      { kind: 'Component', spec: { type: 'secretstores.local.env' } },
      { kind: 'Resiliency', spec: {} },
    ]);
    expect([...used].sort()).toEqual([
      'middleware.http.ratelimit',
      'nameresolution.mdns',
      'nameresolution.sqlite',
      'secretstores.local.env',
    ]);
  });
});
