import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allAppIds, DevelopmentSecret } from '@pasar/contracts';
import { repoRoot } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** Compose cannot run on a machine without Docker: check it statically instead. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
    services: Record<
      string,
      {
        image?: string;
        build?: { args?: Record<string, string> };
        network_mode?: string;
        command?: string[];
        volumes?: string[];
        environment?: Record<string, string>;
        healthcheck?: { test: string[] };
      }
    >;
    volumes: Record<string, unknown>;
  };
  const services = compose.services;
  /** Compose's own ${VAR:-default} interpolation, with every variable unset. */
  const interpolate = (value: string) => value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1');

  it.each(allAppIds)('runs %s, built from this repo for that service', (appId) => {
    expect(services[appId]?.build?.args?.SERVICE).toBe(appId);
    expect(existsSync(path.join(repoRoot, 'services', appId, 'src/main.ts'))).toBe(true);
  });

  it.each(allAppIds)('gives %s and its sidecar the two tokens between them, each required, never defaulted', (appId) => {
    for (const name of ['APP_API_TOKEN', 'DAPR_API_TOKEN']) {
      expect(services[appId]?.environment?.[name], `${appId} ${name}`).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
      expect(services[`${appId}-dapr`]?.environment?.[name], `${appId}-dapr ${name}`).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });

  it.each(allAppIds)('pairs %s with a daprd sidecar in its network namespace, with the right app id and port', (appId) => {
    const sidecar = services[`${appId}-dapr`];
    expect(interpolate(sidecar?.image ?? '')).toMatch(/^daprio\/daprd:/);
    expect(sidecar?.network_mode).toBe(`service:${appId}`);
    const command = sidecar?.command ?? [];
    const flag = (name: string) => command[command.indexOf(name) + 1];
    expect(flag('--app-id')).toBe(appId);
    expect(flag('--app-port')).toBe('3000');
    expect(flag('--dapr-http-port')).toBe('3500');
  });

  it('mounts only files and folders that exist, and sidecars load component folders that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(path.join(repoRoot, source)), `${name} mounts ${source}`).toBe(true);
      }
      const command = (service.command ?? []).map(interpolate);
      command.forEach((arg, i) => {
        if (arg === '--resources-path' || arg === '--config') {
          const inRepo = command[i + 1]!.replace(/^\/components/, 'components');
          expect(existsSync(path.join(repoRoot, inRepo)), `${name}: ${arg} ${command[i + 1]}`).toBe(true);
        }
      });
    }
  });

  it('offers both brokers through one variable', () => {
    const command = services['catalog-dapr']?.command?.join(' ') ?? '';
    expect(command).toContain('/components/brokers/${PASAR_BROKER:-redis}');
    for (const broker of ['redis', 'rabbitmq'])
      expect(existsSync(path.join(repoRoot, 'components/brokers', broker, 'pubsub.yaml'))).toBe(true);
  });

  it('uses the official images for every store: real MongoDB, Elasticsearch, PostgreSQL, InfluxDB 2, Redis, RabbitMQ, Mailpit, Zipkin', () => {
    const images = Object.values(services).map((s) => interpolate(s.image ?? ''));
    for (const expected of [
      /^mongo:/,
      /^docker\.elastic\.co\/elasticsearch\/elasticsearch:/,
      /^postgres:/,
      /^influxdb:2/,
      /^redis:/,
      /^rabbitmq:/,
      /^axllent\/mailpit:/,
      /^openzipkin\/zipkin:/,
    ]) {
      expect(
        images.some((image) => expected.test(image)),
        String(expected),
      ).toBe(true);
    }
  });
  it("when an image variable is set, then it replaces the official image of that service (PASAR_IMAGE_*), the apps' Node base too", () => {
    for (const [name, service] of Object.entries(services)) {
      const image = service.image ?? service.build?.args?.NODE_IMAGE ?? '';
      expect(image, name).toMatch(/^\$\{PASAR_IMAGE_[A-Z]+:-[^}]+\}$/);
    }
  });

  it('keeps what the native stack keeps: a named volume for every stateful store, Redis writing its append-only file', () => {
    for (const [store, dataDir] of Object.entries({
      postgres: '/var/lib/postgresql/data',
      mongodb: '/data/db',
      elasticsearch: '/usr/share/elasticsearch/data',
      influxdb: '/var/lib/influxdb2',
      redis: '/data',
      rabbitmq: '/var/lib/rabbitmq',
      mailpit: '/data',
    })) {
      const volume = services[store]?.volumes?.find((v) => v.split(':')[1] === dataDir)?.split(':')[0];
      expect(volume, store).toBeDefined();
      expect(Object.keys(compose.volumes)).toContain(volume);
    }
    expect(services.redis?.command?.join(' ')).toContain('--appendonly yes');
  });
});

describe('dapr.yaml', () => {
  const runFile = parse(readFileSync(path.join(repoRoot, 'dapr.yaml'), 'utf8')) as {
    common: { resourcesPaths: string[]; configFilePath: string };
    apps: Array<{
      appID: string;
      appDirPath: string;
      appPort: number;
      daprHTTPPort: number;
      daprGRPCPort: number;
      metricsPort: number;
      command: string[];
    }>;
  };

  it('runs each of the eight apps once, from its own folder, with a command', () => {
    expect(runFile.apps.map((a) => a.appID).sort()).toEqual([...allAppIds].sort());
    for (const app of runFile.apps) {
      expect(existsSync(path.join(repoRoot, app.appDirPath, 'src/main.ts'))).toBe(true);
      expect(app.command.length).toBeGreaterThan(0);
    }
  });

  it('gives every app and sidecar ports of its own', () => {
    const ports = runFile.apps.flatMap((a) => [a.appPort, a.daprHTTPPort, a.daprGRPCPort, a.metricsPort]);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('points at component folders that exist, with Redis as the default broker', () => {
    for (const p of [...runFile.common.resourcesPaths, runFile.common.configFilePath])
      expect(existsSync(path.join(repoRoot, p))).toBe(true);
    expect(runFile.common.resourcesPaths).toContain('./components/brokers/redis');
  });
});

describe('scripts/start.sh', () => {
  it("when no token is set, then npm start gives the apps and sidecars packages/contracts' development tokens", () => {
    const script = readFileSync(path.join(repoRoot, 'scripts/start.sh'), 'utf8');
    expect(script).toContain(`export APP_API_TOKEN=\${APP_API_TOKEN:-${DevelopmentSecret.appApiToken}}`);
    expect(script).toContain(`export DAPR_API_TOKEN=\${DAPR_API_TOKEN:-${DevelopmentSecret.daprApiToken}}`);
  });
});
