import {
  createLogger,
  createServiceApp,
  DAPR_API_TOKEN_HEADER,
  DaprClient,
  sidecarCheck,
  startServer,
  type BuiltService,
  type ServiceDeps,
  type Subscription,
} from '@pasar/service-kit';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import { redisCommand } from './redis-command.ts';
import type { Sentry } from './sentry.ts';
import { startSidecar, type ApiTokens, type Sidecar } from './sidecar.ts';
import { stackValue, type Broker } from './stack.ts';

export interface AppUnderTest {
  appId: string;
  appUrl: string;
  sidecar: Sidecar;
  /** A client of this app's own sidecar, as the app itself uses it. */
  dapr: DaprClient;
  stop: () => Promise<void>;
}

/**
 * Runs an app in the test process, on a free port, beside its own real daprd: the app's code is
 * exercised for real and the test can look inside it.
 */
export async function startAppWithSidecar(options: {
  appId: string;
  broker: Broker;
  build: (deps: ServiceDeps) => Promise<BuiltService> | BuiltService;
  /** See SidecarOptions.nameResolutionDb. */
  nameResolutionDb?: string;
  /** See SidecarOptions.env (e.g. a state store of the test's own). */
  sidecarEnv?: Record<string, string>;
  /** See SidecarOptions.accessControl. */
  accessControl?: Sentry;
  /** The app takes calls only with tokens.app, and calls its sidecar with tokens.dapr, as in `npm start`. */
  apiTokens?: ApiTokens;
}): Promise<AppUnderTest> {
  const daprHttpPort = await freePort();
  const logger = createLogger(options.appId, process.env.TEST_LOG_LEVEL ?? 'silent');
  const apiToken = options.apiTokens?.dapr;
  const dapr = new DaprClient({ host: '127.0.0.1', httpPort: daprHttpPort, timeoutMs: 5000, logger, ...(apiToken && { apiToken }) });
  const built = await options.build({ logger, dapr });
  const server = await startServer(built.app, {
    port: 0,
    logger,
    appApiToken: options.apiTokens?.app,
    ...(built.closers && { closers: built.closers }),
  });
  try {
    const createdGroups =
      options.broker === 'redis' ? await subscribeFromNow(options.appId, `http://127.0.0.1:${server.port}`, options.apiTokens?.app) : [];
    const sidecar = await startSidecar({
      appId: options.appId,
      appPort: server.port,
      broker: options.broker,
      httpPort: daprHttpPort,
      ...(options.nameResolutionDb && { nameResolutionDb: options.nameResolutionDb }),
      ...(options.sidecarEnv && { env: options.sidecarEnv }),
      ...(options.accessControl && { accessControl: options.accessControl }),
      ...(options.apiTokens && { apiTokens: options.apiTokens }),
    });
    return {
      appId: options.appId,
      appUrl: `http://127.0.0.1:${server.port}`,
      sidecar,
      dapr,
      stop: async () => {
        await sidecar.stop();
        await server.stop();
        await dropConsumerGroups(options.appId, createdGroups);
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** An app that only subscribes (and is ready while its sidecar is), beside its own daprd. */
export function startSubscriberApp(options: {
  appId: string;
  broker: Broker;
  subscriptions: Subscription<any>[];
  nameResolutionDb?: string;
}): Promise<AppUnderTest> {
  const { subscriptions, ...sidecarOptions } = options;
  return startAppWithSidecar({
    ...sidecarOptions,
    build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], subscriptions }) }),
  });
}

/**
 * Dapr's Redis Streams component creates a new consumer group at the start of the stream, so a
 * subscriber under a fresh app id would first replay every message earlier tests published on that
 * topic. Creating its groups at the end of the streams first ($) gives each test only its own
 * messages (Dapr then finds the group and keeps it). The groups go when the app under test stops.
 */
export async function subscribeFromNow(appId: string, appUrl: string, appApiToken?: string): Promise<string[]> {
  const headers: Record<string, string> = appApiToken ? { [DAPR_API_TOKEN_HEADER]: appApiToken } : {};
  const subscriptions = (await (await fetch(`${appUrl}/dapr/subscribe`, { headers })).json()) as Array<{ topic: string }>;
  // An existing group (BUSYGROUP: the same app id started before) is left as it is, and kept after.
  const created: string[] = [];
  for (const { topic } of subscriptions) if ((await redis('XGROUP', 'CREATE', topic, appId, '$', 'MKSTREAM')) === 'OK') created.push(topic);
  return created;
}

/** Removes the consumer groups subscribeFromNow created. */
export async function dropConsumerGroups(appId: string, topics: string[]): Promise<void> {
  for (const topic of topics) await redis('XGROUP', 'DESTROY', topic, appId);
}

/** One command to the stack's Redis, in the pub/sub database. */
function redis(...args: string[]): Promise<string> {
  return redisCommand(`redis://${stackValue('PUBSUB_REDIS_HOST')}/${stackValue('PUBSUB_REDIS_DB')}`, ...args);
}

/** daprd lists a subscription once it has read /dapr/subscribe and subscribed on the broker. */
export async function waitForSubscriptions(app: Pick<AppUnderTest, 'sidecar'>, count: number): Promise<void> {
  await eventually(async () => {
    const metadata = (await (await fetch(`${app.sidecar.url}/v1.0/metadata`)).json()) as { subscriptions?: unknown[] };
    if ((metadata.subscriptions?.length ?? 0) < count) throw new Error('not subscribed yet');
  });
}
