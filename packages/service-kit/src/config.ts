import { DevelopmentSecret } from '@pasar/contracts';
import { z } from 'zod';

/** A true/false environment variable ("true", "1", "yes", "on" and their opposites). */
export const envFlag = (fallback: boolean) => z.stringbool().default(fallback);

/** Settings every app has. Dapr's CLI sets APP_PORT and DAPR_HTTP_PORT for the app it starts. */
export const BaseConfig = z.object({
  APP_PORT: z.coerce.number().int().min(0).max(65535),
  /** Loopback by default: only the sidecar talks to the app. Containers set 0.0.0.0. */
  APP_HOST: z.string().default('127.0.0.1'),
  DAPR_HOST: z.string().default('127.0.0.1'),
  DAPR_HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long an outbound call through the sidecar may take before we answer 503/504. */
  DAPR_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  /** What daprd sends in `dapr-api-token` on every call to the app: without it, a call is a 401 (probes excepted). */
  APP_API_TOKEN: z.string().min(1).optional(),
  /** What the app sends its daprd in `dapr-api-token`: daprd refuses API calls without it. */
  DAPR_API_TOKEN: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** `npm start` and the tests: secrets may keep their development defaults. Never set it anywhere real. */
  DEVELOPMENT_MODE: envFlag(false),
});
export type BaseConfig = z.infer<typeof BaseConfig>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Validates the environment against a schema and reports every bad variable at once. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    return `${variable}: ${issue.message}${value === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(problems);
}

const developmentSecretValues: readonly string[] = Object.values(DevelopmentSecret);

/** The secrets among `names` that are unset (so at their development default) or hold a development value. */
export function developmentSecretsInUse(names: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  return names.filter((name) => {
    const value = env[name];
    return !value || developmentSecretValues.includes(value);
  });
}
