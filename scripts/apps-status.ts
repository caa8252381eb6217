/**
 * Prints every app of dapr.yaml with its URL, its sidecar and its health, as seen through its own
 * sidecar (so name resolution and the sidecar are checked too). `--wait` polls until all are ready
 * or the deadline passes (exit 1).
 */
import { readFileSync } from 'node:fs';
import { DevelopmentSecret } from '@pasar/contracts';
import { parse } from 'yaml';

interface RunFileApp {
  appID: string;
  appPort: number;
  daprHTTPPort: number;
  metricsPort: number;
}

const waitForReady = process.argv.includes('--wait');
const deadline = Date.now() + Number(process.env.APPS_READY_TIMEOUT_MS ?? 180_000);
/** Each sidecar takes API calls only with npm start's DAPR_API_TOKEN (scripts/start.sh). */
const sidecarAuth = { 'dapr-api-token': process.env.DAPR_API_TOKEN || DevelopmentSecret.daprApiToken };
const apps = (parse(readFileSync(new URL('../dapr.yaml', import.meta.url), 'utf8')) as { apps: RunFileApp[] }).apps;

async function health(app: RunFileApp): Promise<string> {
  try {
    const sidecar = await fetch(`http://127.0.0.1:${app.daprHTTPPort}/v1.0/healthz`, { signal: AbortSignal.timeout(2000) });
    if (sidecar.status !== 204) return `sidecar ${sidecar.status}`;
    const ready = await fetch(`http://127.0.0.1:${app.daprHTTPPort}/v1.0/invoke/${app.appID}/method/readyz`, {
      headers: sidecarAuth,
      signal: AbortSignal.timeout(3000),
    });
    if (ready.ok) return 'ready';
    const body = (await ready.json().catch(() => ({}))) as { detail?: string };
    return body.detail ?? `readyz ${ready.status}`;
  } catch {
    return 'down';
  }
}

/** Where the traces are: Zipkin's UI (the stack's, ZIPKIN_URL), and whether it answers. */
async function zipkinRow(): Promise<string[]> {
  const url = process.env.ZIPKIN_URL;
  if (!url) return ['zipkin', '-', '-', 'off (ZIPKIN_URL unset)'];
  const up = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) }).then(
    (r) => r.ok,
    () => false,
  );
  return ['zipkin', url, '-', up ? 'ready' : 'down'];
}

/** Where the Prometheus metrics are: each app's /metrics on its own port, each sidecar's on its metricsPort. */
function metricsRow(): string[] {
  const portsOf = (ports: number[]) => `${Math.min(...ports)}-${Math.max(...ports)}`;
  return [
    'metrics',
    `http://127.0.0.1:{${portsOf(apps.map((a) => a.appPort))}}/metrics`,
    `http://127.0.0.1:{${portsOf(apps.map((a) => a.metricsPort))}}/metrics`,
    'apps / sidecars',
  ];
}

let states = await Promise.all(apps.map(health));
while (waitForReady && states.some((s) => s !== 'ready') && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  states = await Promise.all(apps.map(health));
}

const rows = apps.map((app, i) => [app.appID, `http://127.0.0.1:${app.appPort}`, `http://127.0.0.1:${app.daprHTTPPort}`, states[i] ?? '']);
rows.push(await zipkinRow(), metricsRow());
const header = ['APP', 'URL', 'SIDECAR (Dapr HTTP)', 'HEALTH'];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
process.exit(states.every((s) => s === 'ready') ? 0 : 1);
