import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { allAppIds, AppId } from '@pasar/contracts';
import { brokers, repoRoot } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const GATEWAY_SIDECAR = 'http://127.0.0.1:3500';

/**
 * `npm start`'s second half, for real: the dapr CLI runs all eight apps of dapr.yaml, each beside its
 * own daprd, on each broker (PASAR_BROKER swaps one component folder, nothing else).
 */
describe.each(brokers)('the whole system from dapr.yaml, over %s', (broker) => {
  let startOutput = '';

  beforeAll(async () => {
    const started = await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
      env: { ...process.env, PASAR_BROKER: broker, PASAR_SKIP_SETUP: '1' },
      maxBuffer: 10 * 1024 * 1024,
    });
    startOutput = started.stdout;
  });

  afterAll(async () => {
    await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
  });

  it('prints a table with every app, its URL and its health', () => {
    for (const appId of allAppIds) expect(startOutput).toMatch(new RegExp(`^${appId}\\s+http://127\\.0\\.0\\.1:\\d+\\s+\\S+\\s+ready`, 'm'));
  });

  it.each(allAppIds)('the gateway reaches %s through the sidecars, and it is ready', async (appId) => {
    const response = await fetch(`${GATEWAY_SIDECAR}/v1.0/invoke/${appId}/method/readyz`);

    expect(response.status).toBe(200);
    const body = (await response.json()) as { checks: Record<string, { ok: boolean }> };
    expect(body.checks['dapr-sidecar']?.ok).toBe(true);
  });

  it('every sidecar loaded the chosen broker as its pub/sub component', async () => {
    const metadata = (await (await fetch(`${GATEWAY_SIDECAR}/v1.0/metadata`)).json()) as { components: Array<{ name: string; type: string }> };

    expect(metadata.components).toContainEqual(expect.objectContaining({ name: 'pubsub', type: `pubsub.${broker}` }));
  });

  it('an app can reach another app by its id alone (name resolution without multicast)', async () => {
    const response = await fetch(`http://127.0.0.1:3501/v1.0/invoke/${AppId.email}/method/healthz`);

    expect(response.status).toBe(200);
  });
});
