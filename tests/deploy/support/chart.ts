import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@pasar/testing';
import { parseAllDocuments } from 'yaml';

export const CHART = path.join(repoRoot, 'deploy/helm/pasar');

/** What scripts/deploy/chart-tools.sh provides (built or found in the cache). */
export interface ChartTools {
  helm: string;
  kubeconform: string;
  kubernetesSchemas: string;
  kubernetesVersions: string[];
  daprSchemas: string;
}

/** Runs the setup (its progress goes to this process's stderr: a first run builds for minutes). */
export function chartTools(): ChartTools {
  const run = spawnSync('bash', [path.join(repoRoot, 'scripts/deploy/chart-tools.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`scripts/deploy/chart-tools.sh failed (exit ${run.status})`);
  const vars = Object.fromEntries(
    run.stdout
      .trim()
      .split('\n')
      .map((line) => {
        const at = line.indexOf('=');
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );
  return {
    helm: vars.HELM!,
    kubeconform: vars.KUBECONFORM!,
    kubernetesSchemas: vars.KUBERNETES_SCHEMAS!,
    kubernetesVersions: vars.KUBERNETES_VERSIONS!.split(' '),
    daprSchemas: vars.DAPR_SCHEMAS!,
  };
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

/** Values as `--set-string` pairs and values files, relative to the chart. */
export interface Values {
  files?: string[];
  set?: Record<string, string>;
}

export const random = (bytes: number) => randomBytes(bytes).toString('hex');

/** Every secret the default values read, each a fresh value (none has a default). */
export function secretValues(): Record<string, string> {
  return {
    'secrets.jwtSecret': random(32),
    'secrets.providerWebhookSecret': random(16),
    'secrets.customerDatabaseUrl': `postgres://customer:${random(8)}@db.example:5432/pasar`,
    'secrets.orderDatabaseUrl': `postgres://ordering:${random(8)}@db.example:5432/pasar`,
    'secrets.paymentDatabaseUrl': `postgres://payment:${random(8)}@db.example:5432/pasar`,
    'secrets.mongodbUrl': `mongodb://product:${random(8)}@mongo.example:27017`,
    'secrets.elasticsearchUrl': `https://catalog:${random(8)}@search.example:9200`,
    'secrets.influxdbToken': random(24),
    'secrets.redisPassword': random(12),
    'secrets.smtpUser': `mailer-${random(4)}`,
    'secrets.smtpPassword': random(12),
    'secrets.appApiToken': random(32),
    'secrets.daprApiToken': random(32),
  };
}

/** The store addresses the default values leave for you to set (not secrets). */
export const storeAddresses: Record<string, string> = {
  'stores.redis.host': 'redis.example:6379',
  'stores.influxdb.url': 'https://influx.example:8086',
  'stores.influxdb.org': 'pasar',
  'stores.influxdb.bucket': 'activity',
  'stores.smtp.host': 'smtp.example',
};

export function helmArgs(values: Values): string[] {
  return [
    ...(values.files ?? []).flatMap((file) => ['-f', path.join(CHART, file)]),
    ...Object.entries(values.set ?? {}).flatMap(([key, value]) => ['--set-string', `${key}=${value}`]),
  ];
}

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[]): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function helmTemplate(tools: ChartTools, values: Values, options: { kubeVersion?: string; chart?: string } = {}): Run {
  return run(tools.helm, [
    'template',
    'pasar',
    options.chart ?? CHART,
    '--namespace',
    'shop',
    '--kube-version',
    options.kubeVersion ?? tools.kubernetesVersions.at(-1)!,
    ...helmArgs(values),
  ]);
}

export function render(tools: ChartTools, values: Values, options: { kubeVersion?: string; chart?: string } = {}): K8sObject[] {
  const result = helmTemplate(tools, values, options);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseManifests(result.stdout);
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

export interface Verdict {
  filename: string;
  kind: string;
  name: string;
  status: string;
  msg: string;
}

/**
 * kubeconform in strict mode, offline: the Kubernetes schemas of one version, then the Dapr CRDs'.
 * A kind that has neither is an error (no -ignore-missing-schemas).
 */
export function kubeconform(tools: ChartTools, kubernetesVersion: string, manifests: string): Verdict[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'pasar-chart-'));
  try {
    const file = path.join(dir, 'manifests.yaml');
    writeFileSync(file, manifests);
    const result = run(tools.kubeconform, [
      '-strict',
      '-verbose',
      '-output',
      'json',
      '-kubernetes-version',
      kubernetesVersion,
      '-schema-location',
      `${tools.kubernetesSchemas}/{{ .NormalizedKubernetesVersion }}-local{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json`,
      '-schema-location',
      `${tools.daprSchemas}/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json`,
      file,
    ]);
    const output = JSON.parse(result.stdout || '{}') as { resources?: Verdict[] };
    if (!output.resources) throw new Error(`kubeconform said nothing useful (exit ${result.status}): ${result.stderr}`);
    return output.resources;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const injectorAnnotations = (tools: ChartTools) =>
  new Set(JSON.parse(readFileSync(path.join(tools.daprSchemas, 'annotations.json'), 'utf8')) as string[]);

export const byKind = (objects: K8sObject[], kind: string) => objects.filter((object) => object.kind === kind);

export function one(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

/** Whether a label selector (matchLabels and In expressions) picks pods with these labels. */
export function selects(
  selector: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> },
  labels: Record<string, string>,
): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpression = (selector.matchExpressions ?? []).every((rule) => {
    if (rule.operator !== 'In') throw new Error(`selects() reads only In expressions, not ${rule.operator}`);
    return rule.values!.includes(labels[rule.key]!);
  });
  return byLabel && byExpression;
}
