import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { endProcess } from './child-process.ts';
import { eventually } from './poll.ts';
import { freePort } from './ports.ts';

const run = promisify(execFile);

/**
 * A Redis of its own (Debian's redis-server, as the stack installs it), in memory only, on a port of
 * its own: a test can stop it to see a store that is down without touching the shared stack.
 */
export interface RedisServer {
  /** host:port, as a component's redisHost takes it. */
  host: string;
  /** Kills it (SIGKILL): every client is cut off and the port refuses connections. */
  kill: () => Promise<void>;
  /** One command through redis-cli, e.g. to look at what a state store keeps; its reply, trimmed. */
  command: (...args: string[]) => Promise<string>;
  /** Starts it again on the same port, empty. */
  start: () => Promise<void>;
  stop: () => Promise<void>;
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(
      async () => {
        const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'PING']);
        if (stdout.trim() !== 'PONG') throw new Error(`redis-server on ${port} answered ${stdout}`);
      },
      { timeoutMs: 10_000 },
    );
  };
  const stop = async () => {
    if (child) await endProcess(child);
    child = undefined;
  };
  await start();
  return {
    host: `127.0.0.1:${port}`,
    kill: async () => {
      if (child) await endProcess(child, 'SIGKILL');
      child = undefined;
    },
    command: async (...args) => (await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args])).stdout.trim(),
    start,
    stop,
  };
}
