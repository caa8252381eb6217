/**
 * The load generator's child process: reads a LoadPlan (JSON) on stdin, runs each step with
 * autocannon, all steps at once, and writes their StepFigures (JSON) on stdout. It runs in a process
 * of its own so that the generator never shares an event loop with what it measures.
 */
import autocannon from 'autocannon';
import { quantile, type StepFigures } from './figures.ts';
import type { LoadPlan, LoadStep } from './generator.ts';

const plan = JSON.parse(await readStdin()) as LoadPlan;
const steps = await Promise.all(plan.steps.map((step) => runStep(plan, step)));
process.stdout.write(JSON.stringify(steps));

async function runStep(plan: LoadPlan, step: LoadStep): Promise<StepFigures> {
  if (plan.warmupSeconds > 0) await autocannonRun(plan, step, plan.warmupSeconds, () => undefined);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await autocannonRun(plan, step, plan.durationSeconds, (status, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  latencies.sort((a, b) => a - b);
  const failedAnswers = Object.entries(statuses).reduce((sum, [status, n]) => (Number(status) >= 400 ? sum + n : sum), 0);
  const seconds = result.duration;
  return {
    name: step.name,
    connections: step.connections,
    rate: step.rate,
    requests: latencies.length,
    errors: failedAnswers + result.errors + result.timeouts,
    statuses,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p95Ms: quantile(latencies, 0.95),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}

function autocannonRun(
  plan: LoadPlan,
  step: LoadStep,
  seconds: number,
  onAnswer: (status: number, ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.baseUrl,
        connections: step.connections,
        duration: seconds,
        timeout: plan.timeoutSeconds,
        ...(step.rate !== undefined && { overallRate: step.rate }),
        requests: step.requests.map((request) => ({
          method: request.method as autocannon.Request['method'],
          path: request.path,
          headers: { ...(request.body !== undefined && { 'content-type': 'application/json' }), ...request.headers },
          ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        })),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, status, _bytes, ms) => onAnswer(status, ms));
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
