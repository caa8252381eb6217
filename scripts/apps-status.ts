/**
 * Prints every app of dapr.yaml with its URL, its sidecar and its health, as seen through its own
 * sidecar (so name resolution and the sidecar are checked too). `--wait` polls until all are ready
 * or the deadline passes (exit 1); with `--since <epoch ms>` (npm start's own start) it also prints how
 * long after it each app became ready: the cold start.
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
const sinceArg = process.argv.indexOf('--since');
const since = sinceArg === -1 ? undefined : Number(process.argv[sinceArg + 1]);
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

const readyAfterMs = new Map<string, number>();
let states = await checkAll();
while (waitForReady && states.some((s) => s !== 'ready') && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, since === undefined ? 1000 : 250));
  states = await checkAll();
}

/** Every app's health; the first time an app is ready, how long after `since` that was. */
async function checkAll(): Promise<string[]> {
  const checked = await Promise.all(apps.map(health));
  apps.forEach((app, i) => {
    if (since !== undefined && checked[i] === 'ready' && !readyAfterMs.has(app.appID)) readyAfterMs.set(app.appID, Date.now() - since);
  });
  return checked;
}

const readyAfter = (app: RunFileApp) => {
  const ms = readyAfterMs.get(app.appID);
  return ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`;
};
const rows = apps.map((app, i) => [
  app.appID,
  `http://127.0.0.1:${app.appPort}`,
  `http://127.0.0.1:${app.daprHTTPPort}`,
  states[i] ?? '',
  ...(since === undefined ? [] : [readyAfter(app)]),
]);
const extraRows = [await zipkinRow(), metricsRow()].map((row) => (since === undefined ? row : [...row, '']));
rows.push(...extraRows);
const header = ['APP', 'URL', 'SIDECAR (Dapr HTTP)', 'HEALTH', ...(since === undefined ? [] : ['READY AFTER'])];
const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
process.exit(states.every((s) => s === 'ready') ? 0 : 1);
