import { spawn, type ChildProcess } from 'node:child_process';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { endProcess } from './child-process.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';
import { redisCommand } from './redis-command.ts';
import { inContainers, redisImage } from './store-containers.ts';

/**
 * A Redis of its own, in memory only, on a port of its own: a test can stop it to see a store that is
 * down without touching the shared stack. Debian's redis-server as the native stack installs it, or
 * with PASAR_STACK=containers a container.
 */
export interface RedisServer {
  /** host:port, as a component's redisHost takes it. */
  host: string;
  /** Kills it (SIGKILL): every client is cut off and the port refuses connections. */
  kill: () => Promise<void>;
  /** One command, as redis-cli sends it, e.g. to look at what a state store keeps; its reply. */
  command: (...args: string[]) => Promise<string>;
  /** Starts it again on the same port, empty. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

const IN_MEMORY = ['redis-server', '--save', '', '--appendonly', 'no'];

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const server = inContainers() ? redisContainer(port) : redisProcess(port);
  const start = async () => {
    await server.start();
    await eventually(
      async () => {
        const reply = await redisCommand(`redis://127.0.0.1:${port}`, 'PING');
        if (reply !== 'PONG') throw new Error(`redis on ${port} answered ${reply}`);
      },
      { timeoutMs: 30_000 },
    );
  };
  await start();
  return {
    host: `127.0.0.1:${port}`,
    kill: server.kill,
    command: (...args) => redisCommand(`redis://127.0.0.1:${port}`, ...args),
    start,
    stop: server.stop,
  };
}

interface Lifecycle {
  start: () => Promise<void>;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

function redisProcess(port: number): Lifecycle {
  let child: ChildProcess | undefined;
  const end = async (signal?: NodeJS.Signals) => {
    if (child) await endProcess(child, signal);
    child = undefined;
  };
  return {
    start: async () => {
      child = spawn(IN_MEMORY[0]!, [...IN_MEMORY.slice(1), '--port', String(port), '--bind', '127.0.0.1'], { stdio: 'ignore' });
    },
    kill: () => end('SIGKILL'),
    stop: () => end(),
  };
}

/** On the same host port each time it starts, as the sidecar under test was told. */
function redisContainer(port: number): Lifecycle {
  let container: StartedTestContainer | undefined;
  const end = async () => {
    await container?.stop({ timeout: 0 });
    container = undefined;
  };
  return {
    start: async () => {
      container = await new GenericContainer(redisImage())
        .withCommand(IN_MEMORY)
        .withExposedPorts({ container: 6379, host: port })
        .withWaitStrategy(Wait.forListeningPorts())
        .start();
    },
    kill: end,
    stop: end,
  };
}
