import express from 'express';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';

const logger = pino({ level: 'silent' });

describe('graceful shutdown', () => {
  it('when stopping, then a request in flight still completes, new connections are refused, and closers run after', async () => {
    const events: string[] = [];
    let releaseSlowRequest!: () => void;
    let slowRequestArrived!: () => void;
    const arrived = new Promise<void>((resolve) => {
      slowRequestArrived = resolve;
    });
    const app = express();
    app.get('/slow', async (_req, res) => {
      const released = new Promise<void>((resolve) => {
        releaseSlowRequest = resolve;
      });
      slowRequestArrived();
      await released;
      events.push('slow request answered');
      res.json({ done: true });
    });
    const running = await startServer(app, { port: 0, logger, closers: [() => void events.push('pool closed')] });
    const base = `http://127.0.0.1:${running.port}`;

    const inFlight = fetch(`${base}/slow`);
    await arrived;
    const stopped = running.stop();
    await expect(fetch(`${base}/slow`, { signal: AbortSignal.timeout(1000) })).rejects.toThrow();
    releaseSlowRequest();

    expect((await inFlight).status).toBe(200);
    await stopped;
    expect(events).toEqual(['slow request answered', 'pool closed']);
  });

  it('when stop is called twice, then it stops once', async () => {
    let closed = 0;
    const running = await startServer(express(), {
      port: 0,
      logger,
      closers: [
        () => {
          closed++;
        },
      ],
    });

    await Promise.all([running.stop(), running.stop()]);

    expect(closed).toBe(1);
  });
});
