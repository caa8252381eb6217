import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DaprClient } from '@pasar/service-kit';
import { dropConsumerGroups, subscribeFromNow } from './app-under-test.ts';
import { endProcess } from './child-process.ts';
import { startCrashProxy, type CrashProxy, type ProxiedRequest } from './crash-proxy.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import { startSidecar, type Sidecar } from './sidecar.ts';
import { repoRoot, type Broker } from './stack.ts';

export interface AppProcess {
  appId: string;
  /** The app's own port, not through its sidecar (a public entry such as the gateway is called there). */
  appUrl: string;
  sidecar: Sidecar;
  /** A client of this app's own sidecar. */
  dapr: DaprClient;
  /** What reached the app through its sidecar. */
  requests: ProxiedRequest[];
  /**
   * SIGKILLs the app the moment it has answered the next request matching `match`, so the answer
   * (a pub/sub acknowledgement, an RPC result) never reaches the sidecar. Resolves once it happened.
   */
  killOnAnswer(match: (request: ProxiedRequest) => boolean): Promise<ProxiedRequest>;
  /** Cuts the connection instead of passing on the app's answer to the next matching request (the app lives). */
  dropAnswer(match: (request: ProxiedRequest) => boolean): Promise<ProxiedRequest>;
  /** Starts the app again, same port and environment, and waits until its sidecar reaches it again. */
  restart(): Promise<void>;
  /** Everything the app process printed (all its lives). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a service's real entry point (`services/<name>/src/main.ts`) as a process of its own beside
 * a real daprd, with a crash proxy between them: the way to test what a real crash does.
 */
export async function startAppProcess(options: {
  appId: string;
  broker: Broker;
  /** The entry point, relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  nameResolutionDb?: string;
}): Promise<AppProcess> {
  const [appPort, daprHttpPort] = await Promise.all([freePort(), freePort()]);
  let output = '';
  let child: ChildProcess | undefined;

  const launch = async () => {
    child = spawn(process.execPath, [path.join(repoRoot, options.entry)], {
      cwd: repoRoot,
      env: {
        ...process.env,
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
        DEVELOPMENT_MODE: 'true',
        ...options.env,
        APP_ID: options.appId,
        APP_PORT: String(appPort),
        DAPR_HTTP_PORT: String(daprHttpPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-200_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const started = child;
    await eventually(
      async () => {
        if (started.exitCode !== null) throw new Error(`${options.entry} exited with ${started.exitCode}:\n${output.slice(-3000)}`);
        const response = await fetch(`http://127.0.0.1:${appPort}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (!response.ok) throw new Error(`/healthz answered ${response.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
  };

  const kill = async (signal: NodeJS.Signals) => {
    if (child) await endProcess(child, signal, 10_000);
  };

  await launch();
  let proxy: CrashProxy | undefined;
  let sidecar: Sidecar | undefined;
  let createdGroups: string[] = [];
  try {
    createdGroups = options.broker === 'redis' ? await subscribeFromNow(options.appId, `http://127.0.0.1:${appPort}`) : [];
    proxy = await startCrashProxy(appPort);
    sidecar = await startSidecar({
      appId: options.appId,
      appPort: proxy.port,
      broker: options.broker,
      httpPort: daprHttpPort,
      appHealthCheck: true,
      ...(options.nameResolutionDb && { nameResolutionDb: options.nameResolutionDb }),
    });
  } catch (error) {
    await proxy?.stop();
    await kill('SIGTERM');
    await dropConsumerGroups(options.appId, createdGroups);
    throw error;
  }
  const [readyProxy, readySidecar] = [proxy, sidecar];
  const dapr = new DaprClient({ host: '127.0.0.1', httpPort: daprHttpPort, timeoutMs: 5000 });

  return {
    appId: options.appId,
    appUrl: `http://127.0.0.1:${appPort}`,
    sidecar: readySidecar,
    dapr,
    requests: readyProxy.requests,
    killOnAnswer: (match) => readyProxy.crashOnAnswer(match, () => kill('SIGKILL')),
    dropAnswer: (match) => readyProxy.crashOnAnswer(match, async () => {}),
    async restart() {
      await launch();
      // daprd refuses calls to an app it last saw unhealthy until its next probe succeeds.
      await eventually(
        async () => {
          const response = await dapr.invokeRaw(options.appId, 'GET', '/healthz', { timeoutMs: 1000 });
          if (!response.ok) throw new Error(`the sidecar does not reach the app yet (${response.status})`);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    },
    output: () => output,
    async stop() {
      await readySidecar.stop();
      await kill('SIGTERM');
      await readyProxy.stop();
      await dropConsumerGroups(options.appId, createdGroups);
    },
  };
}
