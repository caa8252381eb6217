import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, repoRoot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';

const script = path.join(repoRoot, 'scripts/run/keep-running.sh');

function keepRunning(appScript: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'keep-running-'));
  const log = path.join(dir, 'log');
  const supervisor = spawn('bash', [script, 'bash', '-c', appScript, '_', log], { env: { ...process.env, APP_ID: 'demo' } });
  let stderr = '';
  supervisor.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => supervisor.on('exit', resolve));
  const logLines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0);
  return { supervisor, exited, logLines, stderr: () => stderr };
}

describe('keep-running.sh, the supervisor `npm start` puts around each app', () => {
  it('when the app exits on its own, then it is started again and the restart is logged', async () => {
    const app = keepRunning('echo started >> "$1"; exit 3');

    await eventually(() => expect(app.logLines()).toBeGreaterThanOrEqual(2), { timeoutMs: 10_000 });
    expect(app.stderr()).toMatch(/demo exited with code 3; starting it again in 1s/);
    app.supervisor.kill('SIGTERM');
    await app.exited;
  });

  it('when it is told to stop, then the app gets the TERM and nothing is started again', async () => {
    const app = keepRunning('echo started >> "$1"; trap "echo stopped >> $1; exit 0" TERM; while :; do sleep 0.1; done');
    await eventually(() => expect(app.logLines()).toBe(1));

    app.supervisor.kill('SIGTERM');

    expect(await app.exited).toBe(0);
    expect(app.logLines()).toBe(2); // "started", then the app's own "stopped"
  });
});
