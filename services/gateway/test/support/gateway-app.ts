import { AppId } from '@pasar/contracts';
import { startAppWithSidecar, type AppUnderTest } from '@pasar/testing';
import { buildService } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';

/** The gateway app beside its own daprd, on the name resolution of the apps it forwards to. */
export function startGateway(config: Config, nameResolutionDb: string): Promise<AppUnderTest> {
  return startAppWithSidecar({ appId: AppId.gateway, broker: 'redis', nameResolutionDb, build: (deps) => buildService(config, deps) });
}
