import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

export type Broker = 'redis' | 'rabbitmq';
export const brokers: readonly Broker[] = ['redis', 'rabbitmq'];

let cached: Record<string, string> | undefined;

/**
 * Where the stack listens (native, or its stores in containers with PASAR_STACK=containers), as
 * `npm run stack -- env` prints it (one source of truth), for the test dataset: tests and benchmarks
 * never read or write what `npm start` keeps.
 */
export function stackEnv(): Record<string, string> {
  cached ??= Object.fromEntries(
    execFileSync('bash', [path.join(repoRoot, 'scripts/stack/stack.sh'), 'env'], {
      encoding: 'utf8',
      env: { ...process.env, PASAR_DATASET: 'test' },
    })
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return cached;
}

export function stackValue(name: string): string {
  const value = stackEnv()[name];
  if (value === undefined) throw new Error(`the stack does not define ${name}`);
  return value;
}

/** The Dapr resources a sidecar loads: the shared ones plus the chosen broker's pub/sub component. */
export function resourcesPaths(broker: Broker): string[] {
  return [path.join(repoRoot, 'components/shared'), path.join(repoRoot, 'components/brokers', broker)];
}
