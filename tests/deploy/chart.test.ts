import { cpSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as contracts from '@pasar/contracts';
import { allAppIds, DevelopmentSecret } from '@pasar/contracts';
import { createLogger, createServiceApp } from '@pasar/service-kit';
import { repoRoot } from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  byKind,
  CHART,
  chartTools,
  helmArgs,
  helmTemplate,
  injectorAnnotations,
  type K8sObject,
  kubeconform,
  one,
  parseManifests,
  random,
  render,
  run,
  secretValues,
  selects,
  storeAddresses,
  type ChartTools,
  type Values,
} from './support/chart.ts';

/**
 * deploy/helm/pasar, checked without a cluster: helm lint, helm template with the default, dev and
 * RabbitMQ values, kubeconform (strict, offline) against the Kubernetes schemas and the Dapr CRDs,
 * and the references between the rendered objects and the code. The tools come from
 * scripts/deploy/chart-tools.sh: the first run on a machine builds them (minutes, with progress).
 */
let tools: ChartTools;
beforeAll(() => {
  tools = chartTools();
}, 45 * 60_000);

const readRepo = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const source = (file: string) => parse(readRepo(path.join('components', file))) as K8sObject;

const scenarios: Record<string, () => Values> = {
  default: () => ({ set: { ...secretValues(), ...storeAddresses } }),
  dev: () => {
    const { 'secrets.smtpUser': _user, 'secrets.smtpPassword': _password, ...secrets } = secretValues();
    return { files: ['values-dev.yaml'], set: secrets };
  },
  rabbitmq: () => ({
    set: {
      ...secretValues(),
      ...storeAddresses,
      'pubsub.broker': 'rabbitmq',
      'secrets.rabbitmqUrl': `amqps://pasar:${random(8)}@mq.example:5671/shop`,
    },
  }),
};

const APP_NAME = (appId: string) => `pasar-${appId}`;
const deploymentOf = (objects: K8sObject[], appId: string) => one(objects, 'Deployment', APP_NAME(appId));
const appContainer = (deployment: K8sObject) => deployment.spec.template.spec.containers[0];

describe('helm lint', { timeout: 60_000 }, () => {
  it.each(Object.keys(scenarios))('when the chart is linted strictly with the %s values, then it passes', (scenario) => {
    for (const kubeVersion of tools.kubernetesVersions) {
      const lint = run(tools.helm, ['lint', CHART, '--strict', '--kube-version', kubeVersion, ...helmArgs(scenarios[scenario]!())]);
      expect(lint.status, `${kubeVersion}: ${lint.stdout}${lint.stderr}`).toBe(0);
    }
  });
});

describe('kubeconform, strict and offline', { timeout: 180_000 }, () => {
  it.each(Object.keys(scenarios))(
    'when the %s values are rendered, then every object is valid against the Kubernetes schemas and the Dapr CRDs',
    (scenario) => {
      for (const kubeVersion of tools.kubernetesVersions) {
        const manifests = helmTemplate(tools, scenarios[scenario]!(), { kubeVersion });
        expect(manifests.status, manifests.stderr).toBe(0);
        const verdicts = kubeconform(tools, kubeVersion, manifests.stdout);
        expect(
          verdicts.filter((v) => v.status !== 'statusValid'),
          kubeVersion,
        ).toEqual([]);
        expect(verdicts).toHaveLength(parseManifests(manifests.stdout).length);
        expect(new Set(verdicts.map((v) => v.kind))).toEqual(
          new Set([
            'Secret',
            'ServiceAccount',
            'Service',
            'Deployment',
            'PodDisruptionBudget',
            'NetworkPolicy',
            'Component',
            'Configuration',
            'Resiliency',
            ...(scenario === 'dev' ? [] : ['HorizontalPodAutoscaler', 'Ingress']),
          ]),
        );
      }
    },
  );

  it('when every Dapr resource of components/ is checked, then each is valid against the Dapr CRDs', () => {
    const files = readdirSync(path.join(repoRoot, 'components'), { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.yaml'),
    );
    const manifests = files.map((file) => `# ${file}\n${readRepo(path.join('components', file))}`).join('\n---\n');
    const verdicts = kubeconform(tools, tools.kubernetesVersions.at(-1)!, manifests);
    expect(verdicts.filter((v) => v.status !== 'statusValid')).toEqual([]);
    expect(verdicts.length).toBe(files.length);
  });

  it.each([
    [
      'a component metadata item with a field Dapr does not define',
      'shared/statestore.yaml',
      (o: K8sObject) => {
        o.spec.metadata[0].envRefs = 'X';
      },
    ],
    [
      'a retry policy with initialInterval (Dapr has none: the defect of issue 15)',
      'shared/resiliency.yaml',
      (o: K8sObject) => {
        o.spec.policies.retries.delivery.initialInterval = '1s';
      },
    ],
    [
      'a Configuration field Dapr does not define',
      'config.yaml',
      (o: K8sObject) => {
        o.spec.tracing.sampling = '1';
      },
    ],
  ])('when a Dapr resource has %s, then kubeconform refuses it', (_what, file, spoil) => {
    const object = source(file);
    spoil(object);
    const [verdict] = kubeconform(tools, tools.kubernetesVersions.at(-1)!, JSON.stringify(object));
    expect(verdict?.status).toBe('statusInvalid');
  });

  it('when a Deployment has a field Kubernetes does not define, then kubeconform refuses it', () => {
    const deployment = deploymentOf(render(tools, scenarios.default!()), 'email');
    deployment.spec.template.spec.containers[0].readOnlyRootFS = true;
    const [verdict] = kubeconform(tools, tools.kubernetesVersions[0]!, JSON.stringify(deployment));
    expect(verdict?.status).toBe('statusInvalid');
  });
});

describe.each(Object.keys(scenarios))('cross-references, %s values', { timeout: 30_000 }, (scenario) => {
  let objects: K8sObject[];
  let deployments: K8sObject[];
  beforeAll(() => {
    objects = render(tools, scenarios[scenario]!());
    deployments = byKind(objects, 'Deployment');
  }, 60_000);

  it('when the chart is rendered, then it runs each of the eight apps once, with its Dapr app id', () => {
    expect(deployments.map((d) => d.spec.template.metadata.annotations['dapr.io/app-id']).sort()).toEqual([...allAppIds].sort());
  });

  it("when a pod names a Dapr Configuration, then the chart renders it, and every dapr.io annotation is one Dapr's injector knows", () => {
    const configurations = byKind(objects, 'Configuration').map((c) => c.metadata.name);
    const known = injectorAnnotations(tools);
    for (const deployment of deployments) {
      const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
      expect(configurations).toContain(annotations['dapr.io/config']);
      for (const name of Object.keys(annotations).filter((key) => key.startsWith('dapr.io/'))) expect(known, name).toContain(name);
    }
  });

  it('when an app or a Dapr component reads a secret, then the key is in the rendered Secret', () => {
    const secrets = new Map(byKind(objects, 'Secret').map((s) => [s.metadata.name, Object.keys(s.stringData ?? {})]));
    const references = [
      ...deployments.flatMap((d) =>
        appContainer(d)
          .env.filter((e: any) => e.valueFrom?.secretKeyRef)
          .map((e: any) => e.valueFrom.secretKeyRef),
      ),
      ...byKind(objects, 'Component').flatMap((c) => c.spec.metadata.filter((m: any) => m.secretKeyRef).map((m: any) => m.secretKeyRef)),
    ];
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(secrets.get(ref.name), `${ref.name}/${ref.key}`).toContain(ref.key);
    for (const component of byKind(objects, 'Component')) expect(component.auth).toEqual({ secretStore: 'kubernetes' });
  });

  it('when a Dapr resource has scopes, then each is an app id, and each app that uses a component is in its scopes', () => {
    for (const object of [...byKind(objects, 'Component'), ...byKind(objects, 'Resiliency')]) {
      expect(object.scopes.length, object.metadata.name).toBeGreaterThan(0);
      for (const scope of object.scopes) expect(allAppIds).toContain(scope);
    }
    const usesInCode = (pattern: RegExp) => allAppIds.filter((appId) => sourceFilesOf(appId).some((text) => pattern.test(text)));
    expect(one(objects, 'Component', 'pubsub').scopes.sort()).toEqual(usesInCode(/\bTopic\./).sort());
    expect(one(objects, 'Component', 'statestore').scopes).toEqual(expect.arrayContaining(usesInCode(/stateStore\(/)));
    // The cart (issue 11) lives in the state store too.
    expect(one(objects, 'Component', 'statestore').scopes).toContain('order');
  });

  it('when a Service or an Ingress points at a port, then a container of the pods it selects has it', () => {
    for (const service of byKind(objects, 'Service')) {
      const pods = deployments.filter((d) => selects({ matchLabels: service.spec.selector }, d.spec.template.metadata.labels));
      expect(pods, service.metadata.name).toHaveLength(1);
      const ports = appContainer(pods[0]!).ports as Array<{ name: string; containerPort: number }>;
      for (const port of service.spec.ports)
        expect(
          ports.some((p) => p.name === port.targetPort || p.containerPort === port.targetPort),
          `${service.metadata.name}: ${port.targetPort}`,
        ).toBe(true);
    }
    for (const ingress of byKind(objects, 'Ingress')) {
      for (const backend of ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((p: any) => p.backend.service))) {
        expect(one(objects, 'Service', backend.name).spec.ports.map((p: any) => p.name)).toContain(backend.port.name);
      }
    }
  });

  it("when Dapr, the probes and the app are told the app's port, then it is the one the container opens", () => {
    for (const deployment of deployments) {
      const container = appContainer(deployment);
      const containerPort = String(container.ports[0].containerPort);
      expect(deployment.spec.template.metadata.annotations['dapr.io/app-port']).toBe(containerPort);
      expect(container.env.find((e: any) => e.name === 'APP_PORT').value).toBe(containerPort);
      for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe.httpGet.port).toBe(container.ports[0].name);
    }
  });

  it('when a probe or the sidecar asks an app for a path, then the service kit serves it', async () => {
    const paths = new Set(
      deployments.flatMap((d) => {
        const container = appContainer(d);
        return [
          container.readinessProbe.httpGet.path,
          container.livenessProbe.httpGet.path,
          d.spec.template.metadata.annotations['dapr.io/app-health-check-path'],
        ];
      }),
    );
    expect([...paths].sort()).toEqual(['/healthz', '/readyz']);
    const server = createServiceApp({ logger: createLogger('probe-check', 'silent'), readiness: [] }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      for (const probePath of paths) {
        const answer = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${probePath}`);
        expect(answer.status, probePath).toBe(200);
      }
    } finally {
      server.close();
    }
  });

  it('when an autoscaler, a disruption budget or a network policy selects pods, then they are the pods of an app', () => {
    for (const hpa of byKind(objects, 'HorizontalPodAutoscaler')) one(objects, 'Deployment', hpa.spec.scaleTargetRef.name);
    for (const object of [
      ...byKind(objects, 'PodDisruptionBudget'),
      ...byKind(objects, 'NetworkPolicy').filter((p) => !p.metadata.name.includes('-store-')),
    ]) {
      const selector = object.spec.selector ?? object.spec.podSelector;
      expect(
        deployments.filter((d) => selects(selector, d.spec.template.metadata.labels)),
        object.metadata.name,
      ).toHaveLength(1);
    }
  });

  it("when an app invokes another in its code, then the callee's network policy admits the caller's sidecar", () => {
    const internalGrpc = 50002;
    for (const [caller, callees] of invocationsInCode()) {
      for (const callee of callees) {
        const policy = one(objects, 'NetworkPolicy', `pasar-${callee}`);
        const admitted = policy.spec.ingress.some(
          (rule: any) =>
            rule.ports.some((p: any) => p.port === internalGrpc) &&
            rule.from.some(
              (peer: any) => peer.podSelector && selects(peer.podSelector, deploymentOf(objects, caller).spec.template.metadata.labels),
            ),
        );
        expect(admitted, `${caller} -> ${callee}`).toBe(true);
      }
    }
    const email = one(objects, 'NetworkPolicy', 'pasar-email');
    expect(email.spec.ingress.filter((rule: any) => rule.ports.some((p: any) => p.port === internalGrpc))).toEqual([]);
  });
});

describe('the apps as pods', { timeout: 60_000 }, () => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render(tools, scenarios.default!());
  }, 60_000);

  it('when an app runs, then it is not root, cannot escalate, has no capability and a read-only root filesystem', () => {
    for (const deployment of byKind(objects, 'Deployment')) {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      for (const container of pod.containers) {
        expect(container.securityContext).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(Object.keys(container.resources.requests).sort()).toEqual(['cpu', 'memory']);
        expect(Object.keys(container.resources.limits).sort()).toEqual(['cpu', 'memory']);
      }
      const annotations = deployment.spec.template.metadata.annotations;
      for (const name of ['cpu-request', 'cpu-limit', 'memory-request', 'memory-limit'])
        expect(annotations[`dapr.io/sidecar-${name}`], name).toBeTruthy();
    }
  });

  it('when nothing says otherwise, then product runs one instance, rolled out by replacement, while the apps that scale out have autoscalers', () => {
    const product = deploymentOf(objects, 'product');
    expect(product.spec.replicas).toBe(1);
    expect(product.spec.strategy.type).toBe('Recreate');
    const scaled = byKind(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name);
    expect(scaled).not.toContain(APP_NAME('product'));
    expect(scaled).toContain(APP_NAME('gateway'));
  });

  it('when product is asked for more than one instance without real MongoDB, then the chart refuses, and renders it on real MongoDB', () => {
    for (const more of [{ 'apps.product.replicas': '2' }, { 'apps.product.autoscaling.enabled': 'true' }] as Array<
      Record<string, string>
    >) {
      const refused = helmTemplate(tools, { set: { ...scenarios.default!().set, ...more } });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('apps.product: more than one replica needs real MongoDB');
    }
    const onMongo = render(tools, {
      set: { ...scenarios.default!().set, 'apps.product.realMongoDB': 'true', 'apps.product.autoscaling.enabled': 'true' },
    });
    expect(one(onMongo, 'HorizontalPodAutoscaler', APP_NAME('product')).spec.minReplicas).toBeGreaterThan(1);
    expect(deploymentOf(onMongo, 'product').spec.strategy.type).toBe('RollingUpdate');
  });
});

describe('secrets', { timeout: 60_000 }, () => {
  const secretsSection = () =>
    (parse(readFileSync(path.join(CHART, 'values.yaml'), 'utf8')) as { secrets: Record<string, unknown> }).secrets;

  it('when values.yaml is read, then no secret has a default value', () => {
    const withDefaults = Object.entries(secretsSection()).filter(
      ([key, value]) => key !== 'existingSecret' && value !== null && value !== '',
    );
    expect(withDefaults).toEqual([]);
  });

  it('when no secret is set, then the chart refuses and names every one the configuration reads', () => {
    const refused = helmTemplate(tools, { set: storeAddresses });
    expect(refused.status).not.toBe(0);
    const named = Object.keys(secretsSection()).filter((key) => key !== 'existingSecret' && key !== 'rabbitmqUrl');
    for (const key of named) expect(refused.stderr).toContain(`secrets.${key}`);
    expect(refused.stderr).not.toContain('secrets.rabbitmqUrl');
  });

  it.each(Object.keys(secretValues()))('when only %s is left unset, then the chart refuses and names it', (key) => {
    const { [key]: _left, ...others } = secretValues();
    const refused = helmTemplate(tools, { set: { ...others, ...storeAddresses } });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(key);
  });

  it.each([
    ['secrets.jwtSecret', DevelopmentSecret.jwt, 'development secret'],
    ['secrets.providerWebhookSecret', DevelopmentSecret.providerWebhook, 'development secret'],
    ['secrets.jwtSecret', random(15), 'at least 32 characters'],
    ['secrets.providerWebhookSecret', random(7), 'at least 16 characters'],
  ])('when %s is %s, then the chart refuses it as the apps would', (key, value, message) => {
    const refused = helmTemplate(tools, { set: { ...secretValues(), ...storeAddresses, [key]: value } });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(message);
  });

  it('when the secrets are set, then each reaches the apps only through the Secret, never as a plain value, and no app is in development mode', () => {
    const values = secretValues();
    const objects = render(tools, { set: { ...values, ...storeAddresses } });
    const plainValues = byKind(objects, 'Deployment').flatMap((d) => appContainer(d).env.map((e: any) => [e.name, e.value]));
    for (const [, value] of plainValues) expect(Object.values(values)).not.toContain(value);
    expect(plainValues.map(([name]) => name)).not.toContain('DEVELOPMENT_MODE');
    for (const [appId, names] of kitSecretsInCode()) {
      const env = appContainer(deploymentOf(objects, appId)).env;
      for (const name of names) expect(env.find((e: any) => e.name === name)?.valueFrom?.secretKeyRef, `${appId} ${name}`).toBeTruthy();
    }
  });

  it('when you bring your own Secret, then the chart renders none and reads exactly the keys its README lists', () => {
    const objects = render(tools, { set: { 'secrets.existingSecret': 'shop-secrets', ...storeAddresses } });
    expect(byKind(objects, 'Secret')).toEqual([]);
    const keys = new Set(
      [
        ...byKind(objects, 'Deployment').flatMap((d) =>
          appContainer(d)
            .env.filter((e: any) => e.valueFrom)
            .map((e: any) => e.valueFrom.secretKeyRef),
        ),
        ...byKind(objects, 'Component').flatMap((c) => c.spec.metadata.filter((m: any) => m.secretKeyRef).map((m: any) => m.secretKeyRef)),
      ].map((ref) => {
        expect(ref.name).toBe('shop-secrets');
        return ref.key as string;
      }),
    );
    const documented = [...readFileSync(path.join(CHART, 'README.md'), 'utf8').matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect([...keys].sort()).toEqual(documented.filter((key) => key !== 'rabbitmq-url').sort());
  });
});

describe('one source for the Dapr resources: components/', { timeout: 60_000 }, () => {
  let objects: K8sObject[];
  let rabbitmq: K8sObject[];
  beforeAll(() => {
    objects = render(tools, scenarios.default!());
    rabbitmq = render(tools, scenarios.rabbitmq!());
  }, 60_000);

  /** The metadata items a cluster sets itself (addresses, credentials, TLS), by name. */
  const connection = new Set(['redisHost', 'redisDB', 'redisPassword', 'enableTLS', 'connectionString']);
  const tuning = (component: K8sObject) => component.spec.metadata.filter((item: any) => !connection.has(item.name));

  it("when the chart is read, then its components folder is the repository's", () => {
    expect(realpathSync(path.join(CHART, 'components'))).toBe(realpathSync(path.join(repoRoot, 'components')));
  });

  it.each([
    ['statestore', 'shared/statestore.yaml', 'default'],
    ['pubsub', 'brokers/redis/pubsub.yaml', 'default'],
    ['pubsub', 'brokers/rabbitmq/pubsub.yaml', 'rabbitmq'],
  ])('when %s is rendered, then it is %s but for the connection, which comes from values and the Secret', (name, file, scenario) => {
    const rendered = one(scenario === 'rabbitmq' ? rabbitmq : objects, 'Component', name);
    const original = source(file);
    expect({ type: rendered.spec.type, version: rendered.spec.version }).toEqual({
      type: original.spec.type,
      version: original.spec.version,
    });
    expect(tuning(rendered)).toEqual(tuning(original));
    const envRefs = original.spec.metadata.filter((item: any) => item.envRef).map((item: any) => item.name);
    for (const item of rendered.spec.metadata) expect(item.envRef, item.name).toBeUndefined();
    expect(rendered.spec.metadata.map((item: any) => item.name)).toEqual(expect.arrayContaining(envRefs));
  });

  it("when the Resiliency is rendered, then its spec is components/shared/resiliency.yaml's", () => {
    expect(one(objects, 'Resiliency', 'pasar').spec).toEqual(source('shared/resiliency.yaml').spec);
  });

  it("when the Configuration is rendered, then it has components/config.yaml's tracing and metrics, the configured endpoint and mTLS on", () => {
    const original = source('config.yaml');
    const zipkinEndpoint = 'http://zipkin.observability:9411/api/v2/spans';
    const rendered = one(
      render(tools, { set: { ...scenarios.default!().set, 'dapr.tracing.zipkinEndpoint': zipkinEndpoint } }),
      'Configuration',
      'pasar',
    );
    expect(rendered.spec.tracing).toEqual({ ...original.spec.tracing, zipkin: { endpointAddress: zipkinEndpoint } });
    expect(rendered.spec.metrics).toEqual(original.spec.metrics);
    expect(rendered.spec.mtls).toMatchObject({ enabled: true, sentryAddress: 'dapr-sentry.dapr-system.svc.cluster.local:443' });
  });

  it("when the Configuration is rendered, then its access control is components/config.yaml's, in the release's namespace", () => {
    const original = source('config.yaml').spec.accessControl;
    const rendered = one(objects, 'Configuration', 'pasar').spec.accessControl;
    expect(rendered.defaultAction).toBe('deny');
    expect(rendered.policies).toEqual(original.policies.map((policy: any) => ({ ...policy, namespace: 'shop' })));
  });

  it('when a pod is rendered, then its sidecar gets both tokens from the Secret the app container reads them from', () => {
    for (const deployment of byKind(objects, 'Deployment')) {
      const annotations = deployment.spec.template.metadata.annotations as Record<string, string>;
      expect(annotations['dapr.io/env-from-secret']).toBe(
        'APP_API_TOKEN=pasar-secrets:app-api-token,DAPR_API_TOKEN=pasar-secrets:dapr-api-token',
      );
      const env = appContainer(deployment).env as Array<{ name: string; valueFrom?: { secretKeyRef: { key: string } } }>;
      expect(env.find((e) => e.name === 'DAPR_API_TOKEN')?.valueFrom?.secretKeyRef.key).toBe('dapr-api-token');
    }
  });

  describe('when a setting changes in components/', () => {
    let scratch: string;
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it('then the chart renders the change, with nothing to regenerate', () => {
      scratch = mkdtempSync(path.join(tmpdir(), 'pasar-chart-source-'));
      const chart = path.join(scratch, 'deploy/helm/pasar');
      cpSync(CHART, chart, { recursive: true, filter: (from) => path.basename(from) !== 'components' });
      cpSync(path.join(repoRoot, 'components'), path.join(scratch, 'components'), { recursive: true });
      symlinkSync('../../../components', path.join(chart, 'components'));
      const file = path.join(scratch, 'components/brokers/redis/pubsub.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('value: "60s"', 'value: "75s"'));
      const rendered = one(render(tools, scenarios.default!(), { chart }), 'Component', 'pubsub');
      expect(rendered.spec.metadata.find((item: any) => item.name === 'processingTimeout').value).toBe('75s');
    });
  });
});

/** Each app's own source files (src/), as text. */
function sourceFilesOf(appId: string): string[] {
  const dir = path.join(repoRoot, 'services', appId, 'src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(dir, file), 'utf8'));
}

/**
 * Who invokes whom: the gateway's route table, every app's data-access/peers.ts (the RPC contracts
 * it invokes, each naming the app that answers), and payment's provider simulator, which posts the
 * webhook to its own app id through its sidecar (services/payment/src/config.ts, webhookUrlOf).
 */
function invocationsInCode(): Map<string, Set<string>> {
  const calls = new Map<string, Set<string>>(allAppIds.map((appId) => [appId, new Set<string>()]));
  for (const [, callee] of readRepo('services/gateway/src/domain/route-table.ts').matchAll(/appId: AppId\.(\w+)/g))
    calls.get('gateway')!.add(callee!);
  for (const appId of allAppIds) {
    let peers: string;
    try {
      peers = readRepo(`services/${appId}/src/data-access/peers.ts`);
    } catch {
      continue;
    }
    for (const [, contractName] of peers.matchAll(/invoke\((\w+)/g)) {
      const contract = (contracts as Record<string, unknown>)[contractName!] as { appId?: string } | undefined;
      expect(contract?.appId, `${appId} invokes ${contractName}`).toBeTruthy();
      calls.get(appId)!.add(contract!.appId!);
    }
  }
  expect(readRepo('services/payment/src/config.ts')).toContain(
    '/v1.0/invoke/${encodeURIComponent(config.APP_ID)}/method/webhooks/provider',
  );
  calls.get('payment')!.add('payment');
  return calls;
}

/** The variables each app's main.ts declares secret to the kit (runService's `secrets`). */
function kitSecretsInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const appId of allAppIds) {
    const declared = readRepo(`services/${appId}/src/main.ts`).match(/secrets: \[([^\]]*)\]/);
    if (declared)
      found.set(
        appId,
        [...declared[1]!.matchAll(/'(\w+)'/g)].map((m) => m[1]!),
      );
  }
  expect(found.size).toBeGreaterThan(0);
  return found;
}
