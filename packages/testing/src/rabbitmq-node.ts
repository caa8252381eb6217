import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GenericContainer, Wait } from 'testcontainers';
import { endProcess } from './child-process.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import { inContainers, rabbitmqImage } from './store-containers.ts';

const RABBITMQ_BIN = '/usr/lib/rabbitmq/bin';
const run = promisify(execFile);

export interface QueueState {
  name: string;
  ready: number;
  unacked: number;
  consumers: number;
}

export interface ConsumerState {
  queue: string;
  channel: string;
  tag: string;
  prefetch: number;
}

/**
 * A RabbitMQ node of its own, so a test can restart it without touching the shared stack: Debian's
 * rabbitmq-server as the stack installs it (own ports, epmd, data dir, cookie and node name), or with
 * PASAR_STACK=containers a container.
 */
export interface RabbitMqNode {
  url: string;
  /** Stops and starts the RabbitMQ application inside the running node: every client is cut off. */
  restartApp: () => Promise<void>;
  queues: () => Promise<QueueState[]>;
  consumers: () => Promise<ConsumerState[]>;
  stop: () => Promise<void>;
}

export interface RabbitMqNodeOptions {
  /** RabbitMQ's consumer_timeout: a channel with a delivery unacked this long is closed. */
  consumerTimeoutMs?: number;
}

export async function startRabbitMqNode(options: RabbitMqNodeOptions = {}): Promise<RabbitMqNode> {
  const { url, ctl, stop } = inContainers() ? await startContainerNode(options) : await startLocalNode(options);
  return {
    url,
    restartApp: async () => {
      await ctl('stop_app');
      await ctl('start_app');
      await ctl('await_startup');
    },
    queues: async () =>
      table(await ctl('list_queues', '--no-table-headers', 'name', 'messages_ready', 'messages_unacknowledged', 'consumers')).map(
        ([name, ready, unacked, consumers]) => ({
          name: name!,
          ready: Number(ready),
          unacked: Number(unacked),
          consumers: Number(consumers),
        }),
      ),
    consumers: async () =>
      table(await ctl('list_consumers', '--no-table-headers', 'queue_name', 'channel_pid', 'consumer_tag', 'prefetch_count')).map(
        ([queue, channel, tag, prefetch]) => ({ queue: queue!, channel: channel!, tag: tag!, prefetch: Number(prefetch) }),
      ),
    stop,
  };
}

interface StartedNode {
  url: string;
  /** rabbitmqctl -q ARGS against the node; its output. */
  ctl: (...args: string[]) => Promise<string>;
  stop: () => Promise<void>;
}

async function startContainerNode(options: RabbitMqNodeOptions): Promise<StartedNode> {
  const amqpPort = await freePort();
  const container = await new GenericContainer(rabbitmqImage())
    .withExposedPorts({ container: 5672, host: amqpPort })
    .withEnvironment({
      RABBITMQ_DEFAULT_USER: 'guest',
      RABBITMQ_DEFAULT_PASS: 'guest',
      ...(options.consumerTimeoutMs !== undefined && {
        RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: `-rabbit consumer_timeout ${options.consumerTimeoutMs}`,
      }),
    })
    .withWaitStrategy(Wait.forSuccessfulCommand('rabbitmq-diagnostics -q check_port_connectivity'))
    .withStartupTimeout(180_000)
    .start();
  const ctl = async (...args: string[]) => {
    const { exitCode, stdout, stderr } = await container.exec(['rabbitmqctl', '-q', ...args]);
    if (exitCode !== 0) throw new Error(`rabbitmqctl ${args.join(' ')} exited with ${exitCode}: ${stderr}`);
    return stdout;
  };
  return { url: `amqp://guest:guest@127.0.0.1:${amqpPort}`, ctl, stop: async () => void (await container.stop({ timeout: 0 })) };
}

async function startLocalNode(options: RabbitMqNodeOptions): Promise<StartedNode> {
  const [amqpPort, distPort, epmdPort] = await distinctFreePorts(3);
  const base = mkdtempSync(path.join(os.tmpdir(), 'pasar-rabbitmq-'));
  writeFileSync(path.join(base, '.erlang.cookie'), randomBytes(16).toString('hex'), { mode: 0o400 });
  writeFileSync(path.join(base, 'enabled_plugins'), '[].\n');
  const consumerTimeout = options.consumerTimeoutMs === undefined ? '' : `consumer_timeout = ${options.consumerTimeoutMs}\n`;
  writeFileSync(path.join(base, 'rabbitmq.conf'), `loopback_users.guest = false\nlisteners.tcp.default = ${amqpPort}\n${consumerTimeout}`);
  const env = {
    ...process.env,
    HOME: base,
    RABBITMQ_NODENAME: `pasar-test-${path.basename(base).slice(-6)}@localhost`,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: path.join(base, 'mnesia'),
    RABBITMQ_LOG_BASE: path.join(base, 'log'),
    RABBITMQ_LOGS: '-',
    RABBITMQ_CONFIG_FILE: path.join(base, 'rabbitmq'),
    RABBITMQ_ENABLED_PLUGINS_FILE: path.join(base, 'enabled_plugins'),
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_use_interface {127,0,0,1}',
  };
  const ctl = async (...args: string[]) =>
    (await run(path.join(RABBITMQ_BIN, 'rabbitmqctl'), ['-q', ...args], { env, timeout: 60_000 })).stdout;

  let output = '';
  const server = spawn(path.join(RABBITMQ_BIN, 'rabbitmq-server'), [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.on('error', (error) => collect(Buffer.from(`${error.message} (is rabbitmq-server installed? npm run stack -- up rabbitmq)\n`)));
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);

  const stop = async () => {
    await ctl('shutdown').catch(() => undefined);
    await endProcessGroup(server);
    await run('epmd', ['-kill'], { env }).catch(() => undefined);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    await eventually(
      async () => {
        if (server.exitCode !== null) throw new Error(`rabbitmq-server exited with ${server.exitCode}`);
        await ctl('await_startup');
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
  } catch (error) {
    await stop();
    throw new Error(`the test's RabbitMQ node did not start: ${(error as Error).message}\n${output.slice(-3000)}`);
  }

  return { url: `amqp://guest:guest@127.0.0.1:${amqpPort}`, ctl, stop };
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function table(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

/** rabbitmq-server is a script that starts the Erlang VM as a child: end the whole group. */
async function endProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  await endProcess(child, 'SIGTERM', 10_000);
}
