/**
 * Prepares the JSON schemas kubeconform validates the chart against, so that it never looks anything
 * up on the network (scripts/deploy/chart-tools.sh runs it once per version; the result is cached):
 *
 *   node scripts/deploy/offline-schemas.ts kubernetes <kubernetes-validate schema dir> <dest>
 *     copies the Kubernetes schemas without their `$id` and with `$ref`s relative to the file;
 *   node scripts/deploy/offline-schemas.ts dapr <dapr module dir> <dest>
 *     converts each Dapr CRD's openAPIV3Schema (charts/dapr/crds) to a strict JSON schema,
 *     <group>/<kind>_<version>.json, and lists the pod annotations the sidecar injector reads
 *     (pkg/injector/annotations) in annotations.json.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

type Schema = { [key: string]: unknown };

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `/api/_definitions.json#/$defs/x` (absolute under the schema's `$id`) becomes `_definitions.json#/$defs/x`. */
function offlineKubernetesSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(offlineKubernetesSchema);
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id') continue;
    out[key] = key === '$ref' && typeof value === 'string' ? relativeRef(value) : offlineKubernetesSchema(value);
  }
  return out;
}

function relativeRef(ref: string): string {
  const [file, fragment] = ref.split('#');
  return file ? `${path.posix.basename(file)}${fragment === undefined ? '' : `#${fragment}`}` : ref;
}

/**
 * An openAPIV3Schema as the API server applies it: a field a structural schema does not declare is
 * pruned, so here it is an error (`additionalProperties: false`), unless the schema preserves unknown
 * fields. `nullable` and `x-kubernetes-int-or-string` become their JSON-schema equivalents.
 */
export function strictJsonSchema(node: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-kubernetes-') || key === 'nullable') continue;
    if (key === 'properties' && isObject(value))
      out.properties = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, strictJsonSchema(child as Schema)]));
    else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isObject(value)) out[key] = strictJsonSchema(value);
    else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value))
      out[key] = value.map((child) => strictJsonSchema(child as Schema));
    else out[key] = value;
  }
  if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  if (node['x-kubernetes-int-or-string'] === true) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (out.type === 'object' && out.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true)
    out.additionalProperties = false;
  return out;
}

/** What a Dapr object's metadata may hold here: the CRDs leave it to the API server's ObjectMeta. */
const objectMeta: Schema = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
  additionalProperties: false,
};

interface CustomResourceDefinition {
  spec: { group: string; names: { kind: string }; versions: Array<{ name: string; schema?: { openAPIV3Schema?: Schema } }> };
}

/** One JSON schema per served version of a CRD, keyed by its path under the destination. */
export function crdJsonSchemas(crd: CustomResourceDefinition): Map<string, Schema> {
  const { group, names, versions } = crd.spec;
  const schemas = new Map<string, Schema>();
  for (const version of versions) {
    const openApi = version.schema?.openAPIV3Schema;
    if (!openApi) continue;
    const schema = strictJsonSchema(openApi);
    const properties = (schema.properties ?? {}) as Schema;
    schema.properties = {
      ...properties,
      apiVersion: { type: 'string', enum: [`${group}/${version.name}`] },
      kind: { type: 'string', enum: [names.kind] },
      metadata: objectMeta,
    };
    schema.required = [...new Set(['apiVersion', 'kind', 'metadata', ...((schema.required as string[] | undefined) ?? [])])];
    schemas.set(`${group}/${names.kind.toLowerCase()}_${version.name}.json`, schema);
  }
  return schemas;
}

/** Writes into a fresh folder beside `dest` and renames it into place, so a half-done run leaves nothing. */
function writeAtomically(dest: string, files: Map<string, unknown>): void {
  const staging = `${dest}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [name, content] of files) {
    const file = path.join(staging, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`);
  }
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(path.dirname(dest), { recursive: true });
  renameSync(staging, dest);
}

function kubernetesSchemas(source: string): Map<string, unknown> {
  const files = readdirSync(source).filter((name) => name.endsWith('.json'));
  return new Map(files.map((name) => [name, offlineKubernetesSchema(JSON.parse(readFileSync(path.join(source, name), 'utf8')))]));
}

function daprSchemas(moduleDir: string): Map<string, unknown> {
  const crdDir = path.join(moduleDir, 'charts/dapr/crds');
  const files = new Map<string, unknown>([['annotations.json', injectorAnnotations(moduleDir)]]);
  for (const name of readdirSync(crdDir)
    .filter((file) => file.endsWith('.yaml'))
    .sort()) {
    for (const document of parseAllDocuments(readFileSync(path.join(crdDir, name), 'utf8'))) {
      const crd = document.toJS() as CustomResourceDefinition | null;
      if (crd?.spec?.versions) for (const [file, schema] of crdJsonSchemas(crd)) files.set(file, schema);
    }
  }
  return files;
}

/** Every `dapr.io/...` annotation the sidecar injector of this Dapr version knows. */
function injectorAnnotations(moduleDir: string): string[] {
  const source = readFileSync(path.join(moduleDir, 'pkg/injector/annotations/annotations.go'), 'utf8');
  return [...new Set(source.match(/"dapr\.io\/[a-z0-9-]+"/g) ?? [])].map((quoted) => JSON.parse(quoted) as string).sort();
}

if (import.meta.main) {
  const [command, source, dest] = process.argv.slice(2);
  if (!source || !dest || (command !== 'kubernetes' && command !== 'dapr')) {
    console.error('usage: offline-schemas.ts kubernetes|dapr <source dir> <dest dir>');
    process.exit(2);
  }
  const files = command === 'kubernetes' ? kubernetesSchemas(source) : daprSchemas(source);
  if (files.size === 0) throw new Error(`no schemas found in ${source}`);
  writeAtomically(dest, files);
  console.error(`[chart-tools] ${files.size} ${command} schemas in ${dest}`);
}
