import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { endProcess } from './child-process.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import type { Sentry } from './sentry.ts';
import { DevelopmentSecret } from '@pasar/contracts';
import { DAPR_API_TOKEN_HEADER } from '@pasar/service-kit';
import { repoRoot, resourcesPaths, stackValue, type Broker } from './stack.ts';

export interface SidecarOptions {
  appId: string;
  appPort: number;
  broker: Broker;
  /** Wait until daprd reports the app healthy too (it has read /dapr/subscribe). Default true. */
  waitForApp?: boolean;
  logLevel?: 'debug' | 'info' | 'warn';
  /** Chosen beforehand when the app needs to know its sidecar's port before it starts. */
  httpPort?: number;
  /**
   * The SQLite file of Dapr name resolution. Sidecars sharing one find each other by app id; a test
   * file that runs an app under its real id ('product') uses a file of its own (isolatedNameResolution)
   * so it never reaches another test's app of the same id.
   */
  nameResolutionDb?: string;
  /**
   * Probe the app's /healthz as dapr.yaml does (faster): a dead app gets no new deliveries. For apps
   * in processes of their own; an app inside the busy test process could miss a probe and be cut off.
   */
  appHealthCheck?: boolean;
  /** Another daprd binary than the stack's (a test comparing builds). */
  daprdPath?: string;
  /** Variables over sidecarEnv(), e.g. another broker address for the component's envRef. */
  env?: Record<string, string>;
  /**
   * Run with components/config.yaml's access control, its caller identities from this Sentry (mTLS).
   * Without it the sidecar runs that Configuration without its access control: the apps' own tests
   * call across made-up app ids, which the policies would refuse.
   */
  accessControl?: Sentry;
  /** The tokens between app and sidecar (daprd's APP_API_TOKEN and DAPR_API_TOKEN); none when not given. */
  apiTokens?: ApiTokens;
}

export interface ApiTokens {
  /** daprd sends it to its app. */
  app: string;
  /** daprd takes API calls only with it. */
  dapr: string;
}

const APP_HEALTH_CHECK = [
  '--enable-app-health-check',
  '--app-health-check-path',
  '/healthz',
  '--app-health-probe-interval',
  '2',
  '--app-health-probe-timeout',
  '1500',
  '--app-health-threshold',
  '2',
];

export interface Sidecar {
  appId: string;
  httpPort: number;
  url: string;
  pid: number | undefined;
  /** Everything daprd printed, for assertions and failure reports. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a real daprd beside an app under test, with the repo's components and configuration. */
export async function startSidecar(options: SidecarOptions): Promise<Sidecar> {
  const [grpcPort, internalPort, metricsPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const httpPort = options.httpPort ?? (await freePort());
  const args = [
    '--app-id',
    options.appId,
    '--app-port',
    String(options.appPort),
    '--app-protocol',
    'http',
    '--dapr-http-port',
    String(httpPort),
    '--dapr-grpc-port',
    String(grpcPort),
    '--dapr-internal-grpc-port',
    String(internalPort),
    '--metrics-port',
    String(metricsPort),
    '--dapr-listen-addresses',
    '127.0.0.1',
    '--config',
    options.accessControl ? path.join(repoRoot, 'components/config.yaml') : configWithoutAccessControl(),
    ...(options.accessControl ? ['--enable-mtls', '--sentry-address', options.accessControl.address] : []),
    '--log-level',
    options.logLevel ?? 'info',
    ...(options.appHealthCheck ? APP_HEALTH_CHECK : []),
    ...resourcesPaths(options.broker).flatMap((p) => ['--resources-path', p]),
  ];
  const daprd = spawn(options.daprdPath ?? stackValue('DAPRD'), args, {
    env: {
      ...process.env,
      ...sidecarEnv(),
      ...(options.nameResolutionDb && { DAPR_NAME_RESOLUTION_DB: options.nameResolutionDb }),
      ...(options.accessControl && { DAPR_TRUST_ANCHORS: options.accessControl.trustAnchors }),
      ...(options.apiTokens && { APP_API_TOKEN: options.apiTokens.app, DAPR_API_TOKEN: options.apiTokens.dapr }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-200_000);
  };
  daprd.stdout?.on('data', collect);
  daprd.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${httpPort}`;
  const sidecar: Sidecar = { appId: options.appId, httpPort, url, pid: daprd.pid, output: () => output, stop: () => endProcess(daprd) };

  const healthPath = options.waitForApp === false ? '/v1.0/healthz/outbound' : '/v1.0/healthz';
  try {
    await eventually(
      async () => {
        if (daprd.exitCode !== null) throw new Error(`daprd exited with ${daprd.exitCode}`);
        // A raw fetch: the SDK has no call for daprd's /v1.0/healthz (its isHealthy() reads /metadata).
        const response = await fetch(url + healthPath, { signal: AbortSignal.timeout(1000) });
        if (response.status !== 204) throw new Error(`${healthPath} answered ${response.status}`);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  } catch (error) {
    await sidecar.stop();
    throw new Error(`daprd for ${options.appId} did not become healthy: ${(error as Error).message}\n${output.slice(-4000)}`);
  }
  return sidecar;
}

let openConfig: string | undefined;

/** components/config.yaml as it is but for its access control, written once per test process. */
function configWithoutAccessControl(): string {
  if (openConfig) return openConfig;
  const configuration = parse(readFileSync(path.join(repoRoot, 'components/config.yaml'), 'utf8')) as { spec: Record<string, unknown> };
  delete configuration.spec.accessControl;
  const dir = path.join(os.tmpdir(), `pasar-dapr-config-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  openConfig = path.join(dir, 'config.yaml');
  writeFileSync(openConfig, stringify(configuration));
  return openConfig;
}

/** A fresh name-resolution file: the sidecars given it form a little cluster of their own. */
export function isolatedNameResolution(): string {
  return path.join(path.dirname(stackValue('DAPR_NAME_RESOLUTION_DB')), `name-resolution-${randomUUID()}.db`);
}

/** What every sidecar needs from the stack: broker addresses (component envRef) and config variables. */
export function sidecarEnv(): Record<string, string> {
  return {
    DAPR_HOST_IP: '127.0.0.1',
    PUBSUB_REDIS_HOST: stackValue('PUBSUB_REDIS_HOST'),
    PUBSUB_REDIS_DB: stackValue('PUBSUB_REDIS_DB'),
    STATESTORE_REDIS_HOST: stackValue('STATESTORE_REDIS_HOST'),
    STATESTORE_REDIS_DB: stackValue('STATESTORE_REDIS_DB'),
    PUBSUB_RABBITMQ_URL: stackValue('PUBSUB_RABBITMQ_URL'),
    DAPR_NAME_RESOLUTION_DB: stackValue('DAPR_NAME_RESOLUTION_DB'),
    ZIPKIN_ENDPOINT: process.env.ZIPKIN_ENDPOINT ?? '',
  };
}

/** The tokens of the system `npm start` runs (scripts/start.sh): its environment's, else the development ones. */
export const systemApiTokens: ApiTokens = {
  app: process.env.APP_API_TOKEN || DevelopmentSecret.appApiToken,
  dapr: process.env.DAPR_API_TOKEN || DevelopmentSecret.daprApiToken,
};

/** Headers for a call to one of that system's sidecars (its Dapr API). */
export const systemSidecarAuth = (): Record<string, string> => ({ [DAPR_API_TOKEN_HEADER]: systemApiTokens.dapr });

/** Headers for a call straight to one of that system's apps, as its sidecar makes it. */
export const systemAppAuth = (): Record<string, string> => ({ [DAPR_API_TOKEN_HEADER]: systemApiTokens.app });
