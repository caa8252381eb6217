import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { onlyFromSidecar } from './sidecar-token.ts';

export interface RunningServer {
  server: Server;
  port: number;
  /** Stops taking connections, lets in-flight requests finish (up to the timeout), then runs the closers. */
  stop: () => Promise<void>;
}

export interface StartOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Released after the server stops: database pools, timers, relays. Run in reverse order. */
  closers?: Array<() => Promise<unknown> | unknown>;
  shutdownTimeoutMs?: number;
  /** When set, every call but the probes must carry it (onlyFromSidecar). */
  appApiToken?: string | undefined;
}

/** Listens on the port (0 = any free one, as tests do) and returns how to stop. */
export async function startServer(app: Express, options: StartOptions): Promise<RunningServer> {
  const { logger, closers = [], shutdownTimeoutMs = 10_000 } = options;
  const server = createServer(options.appApiToken ? onlyFromSidecar(app, options.appApiToken) : app);
  server.listen(options.port, options.host ?? '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections turn idle as their last response ends: close them as they do, or
      // shutdown would wait for the keep-alive timeout.
      const sweeper = setInterval(() => server.closeIdleConnections(), 100);
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs).unref();
      await closed;
      clearInterval(sweeper);
      clearTimeout(forced);
      for (const close of [...closers].reverse()) {
        try {
          await close();
        } catch (error) {
          logger.warn({ err: error }, 'a closer failed during shutdown');
        }
      }
      logger.info('stopped');
    })());
  return { server, port, stop };
}

/** Stops the server gracefully on SIGTERM/SIGINT, then exits. */
export function stopOnSignals(running: RunningServer, logger: Logger): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}
