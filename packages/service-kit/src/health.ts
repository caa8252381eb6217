import type { DaprClient } from './dapr-client.ts';
import { withDeadline } from './deadline.ts';

/** One dependency /readyz asks about. `check` throws (or rejects) when the dependency is not usable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ok: boolean; error?: string; ms: number }>;
}

/** Runs every check at once, each bounded by a deadline, so /readyz answers quickly even when one hangs. */
export async function checkReadiness(checks: ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = performance.now();
      try {
        await withDeadline(check(), timeoutMs, () => new Error(`${name} did not answer within ${timeoutMs} ms`));
        return [name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [name, { ok: false, error: message, ms: Math.round(performance.now() - started) }] as const;
      }
    }),
  );
  return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}

/** The sidecar's outbound health: daprd is up and its components (pub/sub, ...) are loaded. */
export function sidecarCheck(dapr: DaprClient): ReadinessCheck {
  return {
    name: 'dapr-sidecar',
    check: async () => {
      if (!(await dapr.isOutboundHealthy())) throw new Error('the Dapr sidecar is not healthy');
    },
  };
}
