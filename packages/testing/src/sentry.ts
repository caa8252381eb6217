import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { endProcess } from './child-process.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import { repoRoot, stackValue } from './stack.ts';

/** What a daprd needs to join a Sentry: its address and the root certificate (DAPR_TRUST_ANCHORS). */
export interface Sentry {
  address: string;
  trustAnchors: string;
  stop: () => Promise<void>;
}

/**
 * A Dapr Sentry of the test's own (the stack's binary, scripts/stack/components/sentry.sh), on free
 * ports with a fresh certificate authority: the sidecars given it talk over mTLS, so a callee's
 * access control knows each caller's app id.
 */
export async function startSentry(): Promise<Sentry> {
  const [port, healthPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const credentials = mkdtempSync(path.join(os.tmpdir(), 'pasar-sentry-'));
  let output = '';
  const child: ChildProcess = spawn(
    stackValue('DAPR_SENTRY'),
    [
      ...['--mode', 'standalone', '--port', String(port), '--listen-address', '127.0.0.1'],
      ...['--healthz-port', String(healthPort), '--healthz-listen-address', '127.0.0.1', '--metrics-port', String(metricsPort)],
      ...['--issuer-credentials', credentials, '--trust-domain', 'localhost', '--config', path.join(repoRoot, 'components/sentry.yaml')],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    await endProcess(child);
    rmSync(credentials, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`sentry exited with ${child.exitCode}`);
        const response = await fetch(`http://127.0.0.1:${healthPort}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  } catch (error) {
    await stop();
    throw new Error(`sentry did not become healthy: ${(error as Error).message}\n${output.slice(-3000)}`);
  }
  return { address: `127.0.0.1:${port}`, trustAnchors: readFileSync(path.join(credentials, 'ca.crt'), 'utf8'), stop };
}
