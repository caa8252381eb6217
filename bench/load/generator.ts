/**
 * The load generator every HTTP figure in bench/ and `npm run load` use: autocannon, in a child
 * process of its own (worker.ts), against loopback. Why autocannon: README "Performance".
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StepFigures } from './figures.ts';

export interface LoadRequest {
  method: string;
  /** Path and query, e.g. /api/products/abc?x=1. */
  path: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

export interface LoadStep {
  name: string;
  connections: number;
  /** Requests/s over all the step's connections; undefined: as fast as answers come (closed loop). */
  rate?: number | undefined;
  /** Each connection sends these in turn, over and over (a sequence, e.g. add to cart then order). */
  requests: LoadRequest[];
}

export interface LoadPlan {
  /** http://127.0.0.1:<port>: loopback only. */
  baseUrl: string;
  durationSeconds: number;
  /** Run first and not counted (connections opened, JIT warm). */
  warmupSeconds: number;
  timeoutSeconds: number;
  /** Run at the same time, each measured on its own. */
  steps: LoadStep[];
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const MAX_DURATION_SECONDS = 600;

/** Runs the plan in a child process and answers each step's figures. */
export function runLoadPlan(plan: LoadPlan): Promise<StepFigures[]> {
  assertBounded(plan);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`the load generator exited with code ${code}`));
      resolve(JSON.parse(output) as StepFigures[]);
    });
    child.stdin.end(JSON.stringify(plan));
  });
}

/** One step alone: `connections` at once, as fast as answers come, for `durationSeconds`. */
export async function measure(
  baseUrl: string,
  step: LoadStep,
  timing: { durationSeconds: number; warmupSeconds?: number },
): Promise<StepFigures> {
  const [figures] = await runLoadPlan({
    baseUrl,
    durationSeconds: timing.durationSeconds,
    warmupSeconds: timing.warmupSeconds ?? 1,
    timeoutSeconds: 10,
    steps: [step],
  });
  return figures!;
}

function assertBounded(plan: LoadPlan): void {
  const { hostname } = new URL(plan.baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) throw new Error(`load goes to loopback only, not ${hostname}`);
  if (!(plan.durationSeconds > 0 && plan.durationSeconds + plan.warmupSeconds <= MAX_DURATION_SECONDS)) {
    throw new Error(`a load run lasts more than 0 and at most ${MAX_DURATION_SECONDS} s`);
  }
}
