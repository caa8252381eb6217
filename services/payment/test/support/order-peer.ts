import { AppId, paymentStatusCallback } from '@pasar/contracts';
import { AppError, createServiceApp, parseInput, sidecarCheck } from '@pasar/service-kit';
import { startAppWithSidecar, type AppUnderTest, type Broker } from '@pasar/testing';
import express from 'express';

export interface RecordedCallback {
  orderId: string;
  paymentId: string;
  status: 'SUCCEEDED' | 'FAILED';
  reason?: string | undefined;
}

/**
 * A stand-in for the order app's paymentStatusCallback: it records what it receives and can be
 * told to fail (503) or refuse (409) the next calls.
 */
export interface OrderPeer {
  app: AppUnderTest;
  received: RecordedCallback[];
  failNext(count: number, status?: number): void;
  stop(): Promise<void>;
}

export async function startOrderPeer(options: { broker: Broker; nameResolutionDb: string }): Promise<OrderPeer> {
  const received: RecordedCallback[] = [];
  let failures = { left: 0, status: 503 };
  const routes = express.Router();
  routes.post(paymentStatusCallback.path, (req, res) => {
    const { orderId } = parseInput(paymentStatusCallback.params, req.params, 'params');
    const body = parseInput(paymentStatusCallback.body, req.body, 'body');
    if (failures.left > 0) {
      failures.left--;
      throw new AppError(failures.status, 'Simulated failure', { detail: `order stand-in answers ${failures.status}` });
    }
    received.push({ orderId, ...body });
    res.json({ orderId, status: body.status === 'SUCCEEDED' ? 'PAID' : 'CANCELLED' });
  });
  const app = await startAppWithSidecar({
    appId: AppId.order,
    broker: options.broker,
    nameResolutionDb: options.nameResolutionDb,
    build: ({ logger, dapr }) => ({ app: createServiceApp({ logger, readiness: [sidecarCheck(dapr)], routes }) }),
  });
  return {
    app,
    received,
    failNext: (count, status = 503) => { failures = { left: count, status }; },
    stop: () => app.stop(),
  };
}
