import type { Express } from 'express';
import type { z } from 'zod';
import { type BaseConfig, ConfigError, developmentSecretsInUse, loadConfig } from './config.ts';
import { DaprClient } from './dapr-client.ts';
import { createLogger, type Logger } from './logger.ts';
import { startServer, stopOnSignals, type RunningServer } from './server.ts';

export interface ServiceDeps {
  logger: Logger;
  dapr: DaprClient;
}

export interface BuiltService {
  app: Express;
  /** Released on shutdown, after the server stops (pools, relays, timers). */
  closers?: Array<() => Promise<unknown> | unknown>;
}

export type BuildService<C extends BaseConfig> = (config: C, deps: ServiceDeps) => Promise<BuiltService> | BuiltService;

export function daprClientFor(config: BaseConfig, logger?: Logger): DaprClient {
  return new DaprClient({
    host: config.DAPR_HOST,
    httpPort: config.DAPR_HTTP_PORT,
    timeoutMs: config.DAPR_TIMEOUT_MS,
    ...(config.DAPR_API_TOKEN && { apiToken: config.DAPR_API_TOKEN }),
    ...(logger && { logger }),
  });
}

/** Builds and starts a service: used by each app's main.ts and, on port 0, by tests. */
export async function startService<C extends BaseConfig>(
  name: string,
  config: C,
  build: BuildService<C>,
  deps?: Partial<ServiceDeps>,
  options: Pick<RunServiceOptions, 'publicEntry'> = {},
): Promise<RunningServer & BuiltService> {
  const logger = deps?.logger ?? createLogger(name, config.LOG_LEVEL);
  const dapr = deps?.dapr ?? daprClientFor(config, logger);
  const built = await build(config, { logger, dapr });
  const running = await startServer(built.app, {
    port: config.APP_PORT,
    host: config.APP_HOST,
    logger,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    appApiToken: options.publicEntry ? undefined : config.APP_API_TOKEN,
    ...(built.closers && { closers: built.closers }),
  });
  return { ...built, ...running };
}

export interface RunServiceOptions {
  /** Variables that hold secrets: outside DEVELOPMENT_MODE each must be set, and not to a development value. */
  secrets?: readonly string[];
  /** The gateway: clients call its port directly, so it takes calls without its sidecar's APP_API_TOKEN. */
  publicEntry?: boolean;
}

/** Outside DEVELOPMENT_MODE every app must know the tokens between it and its sidecar. */
function sidecarTokens(options: RunServiceOptions): string[] {
  return options.publicEntry ? ['DAPR_API_TOKEN'] : ['APP_API_TOKEN', 'DAPR_API_TOKEN'];
}

/**
 * The whole of an app's main: validated config (every bad variable reported, then exit 1; so is a
 * development secret outside development mode), start, stop on signals.
 */
export async function runService<S extends z.ZodType<BaseConfig>>(
  name: string,
  configSchema: S,
  build: BuildService<z.infer<S>>,
  options: RunServiceOptions = {},
): Promise<void> {
  let config: z.infer<S>;
  try {
    config = loadConfig(configSchema);
    const unsafeSecrets = config.DEVELOPMENT_MODE ? [] : developmentSecretsInUse([...(options.secrets ?? []), ...sidecarTokens(options)]);
    if (unsafeSecrets.length)
      throw new ConfigError(unsafeSecrets.map((secret) => `${secret}: set it to a secret of your own (DEVELOPMENT_MODE is off)`));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No logger exists before the config is read: this one line goes to stderr as it is.
    // eslint-disable-next-line no-console
    console.error(`[${name}] ${error.message}`);
    process.exit(1);
  }
  const logger = createLogger(name, config.LOG_LEVEL);
  try {
    const running = await startService(name, config, build, { logger }, options);
    stopOnSignals(running, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
