import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DevelopmentSecret } from '@pasar/contracts';
import { repoRoot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';

const gatewayMain = path.join(repoRoot, 'services/gateway/src/main.ts');
const runGateway = (env: Record<string, string>) =>
  spawnSync(process.execPath, [gatewayMain], { env: { PATH: process.env.PATH, APP_PORT: '0', ...env }, encoding: 'utf8', timeout: 20_000 });

// Each case starts a real process: on a loaded machine that takes longer than the unit default of 5 s.
describe('the gateway outside development mode', { timeout: 30_000 }, () => {
  it.each([
    ['unset', {}],
    ['the development default', { JWT_SECRET: DevelopmentSecret.jwt }],
  ])('when JWT_SECRET is %s, then it refuses to start and says which variable', (_what, env) => {
    const run = runGateway(env);

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('JWT_SECRET: set it to a secret of your own');
  });
});
