import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@pasar/testing';

const run = promisify(execFile);

/**
 * Once for the browser tests: Debian's chromium (installed when missing), the storefront built (or
 * found up to date), and the whole system as `npm start` runs it (every app beside its daprd, on
 * Redis, the test dataset); stopped again afterwards.
 */
export default async function setup(): Promise<() => Promise<void>> {
  execFileSync('bash', [path.join(repoRoot, 'scripts/run/chromium.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/run/build-storefront.ts')], { stdio: ['ignore', 'inherit', 'inherit'] });
  await run('bash', [path.join(repoRoot, 'scripts/start.sh'), '--detach'], {
    // Every test shopper is 127.0.0.1: the gateway's per-address limits are lifted, as for the faults.
    env: {
      ...process.env,
      PASAR_BROKER: 'redis',
      PASAR_DATASET: 'test',
      PASAR_SKIP_SETUP: '1',
      RATE_LIMIT_PER_MINUTE: '1000000',
      AUTH_ATTEMPTS_PER_ADDRESS: '1000000',
    },
    maxBuffer: 10 * 1024 * 1024,
  });
  return async () => {
    await run('bash', [path.join(repoRoot, 'scripts/stop.sh')]);
  };
}
