import { randomUUID } from 'node:crypto';
import { AppId, CUSTOMER_ID_HEADER } from '@pasar/contracts';
import type { OutboxPublisher } from '@pasar/postgres';
import {
  createScratchSchema, drainOrderCreatedBacklog, isolatedNameResolution, startAppProcess, startAppWithSidecar, waitForSubscriptions, type AppProcess, type AppUnderTest, type Broker, type ScratchSchema,
} from '@pasar/testing';
import { buildPaymentService } from '../../../payment/src/app.ts';
import { Config as PaymentConfig } from '../../../payment/src/config.ts';
import type { ProviderSimulator } from '../../../payment/src/provider-simulator/provider-simulator.ts';
import { buildOrderService } from '../../src/app.ts';
import { Config as OrderConfig } from '../../src/config.ts';
import { startCustomerPeer, startProductPeer, type CustomerPeer, type ProductPeer } from './peers.ts';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface SystemOptions {
  broker?: Broker;
  /** Environment overrides of the order app (PAYMENT_TIMEOUT_MS, ...). */
  orderEnv?: Record<string, string>;
  orderPublisher?: OutboxPublisher;
  /** Run the real payment app too (default true). */
  withPayment?: boolean;
  paymentEnv?: Record<string, string>;
  /** Run the order app as a process of its own (its real main.ts) that tests can kill. */
  orderAsProcess?: boolean;
  /** Environment overrides of the order app's sidecar (a state store of the test's own, ...). */
  orderSidecarEnv?: Record<string, string>;
}

export interface TestSystem {
  nameResolutionDb: string;
  product: ProductPeer;
  customer: CustomerPeer;
  order: Pick<AppUnderTest, 'appId' | 'sidecar' | 'dapr' | 'stop'>;
  /** The order process, when orderAsProcess was asked for. */
  orderProcess: AppProcess | undefined;
  orderSchema: ScratchSchema;
  payment: AppUnderTest | undefined;
  paymentSchema: ScratchSchema | undefined;
  simulator: ProviderSimulator | undefined;
  /** Calls the order app as the gateway would: through a sidecar (the order app's own). */
  orders(method: string, path: string, options?: { customerId?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** Replaces the product peer (after a test stopped it). */
  restartProduct(): Promise<ProductPeer>;
  stop(): Promise<void>;
}

/**
 * The order app (and the payment app) under test beside real sidecars, with stand-in product and
 * customer apps, in a name-resolution cluster of their own, each app on a schema of its own.
 */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const broker = options.broker ?? 'redis';
  const nameResolutionDb = isolatedNameResolution();
  const withPayment = options.withPayment ?? true;
  const orderSchema = await createScratchSchema('ordering_test');
  const paymentSchema = withPayment ? await createScratchSchema('payment_test') : undefined;
  let [product, customer] = await Promise.all([startProductPeer({ broker, nameResolutionDb }), startCustomerPeer({ broker, nameResolutionDb })]);

  const orderEnv = { DATABASE_URL: orderSchema.url, SWEEP_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '500', ...options.orderEnv };
  const orderProcess = options.orderAsProcess
    ? await startAppProcess({ appId: AppId.order, broker, nameResolutionDb, entry: 'services/order/src/main.ts', env: orderEnv })
    : undefined;
  const order = orderProcess ?? await startAppWithSidecar({
    appId: AppId.order,
    broker,
    nameResolutionDb,
    ...(options.orderSidecarEnv && { sidecarEnv: options.orderSidecarEnv }),
    build: (deps) => buildOrderService(options.orderPublisher ? { publisher: options.orderPublisher } : {})(OrderConfig.parse({ APP_PORT: '0', ...orderEnv }), deps),
  });

  let simulator: ProviderSimulator | undefined;
  let payment: AppUnderTest | undefined;
  if (paymentSchema) {
    // A subscriber of its own consumer group, so it gets every order-created message (see the brief).
    const appId = `payment-${randomUUID().slice(0, 8)}`;
    let webhookUrl = '';
    payment = await startAppWithSidecar({
      appId,
      broker,
      nameResolutionDb,
      build: (deps) => buildPaymentService({ webhookUrl: () => webhookUrl, onSimulator: (s) => { simulator = s; } })(
        PaymentConfig.parse({
          APP_PORT: '0', APP_ID: appId, DATABASE_URL: paymentSchema.url, PROVIDER_WEBHOOK_SECRET: WEBHOOK_SECRET,
          PROVIDER_DELAY_MS: '100', CALLBACK_POLL_INTERVAL_MS: '300', OUTBOX_POLL_INTERVAL_MS: '500', ...options.paymentEnv,
        }),
        deps,
      ),
    });
    webhookUrl = `${payment.sidecar.url}/v1.0/invoke/${appId}/method/webhooks/provider`;
    await waitForSubscriptions(payment, 1);
    await drainOrderCreatedBacklog(order, paymentSchema);
  }

  return {
    nameResolutionDb, get product() { return product; }, customer, order, orderProcess, orderSchema, payment, paymentSchema, simulator,
    orders: (method, path, { customerId, body, headers } = {}) => fetch(`${order.sidecar.url}/v1.0/invoke/${AppId.order}/method${path}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(customerId && { [CUSTOMER_ID_HEADER]: customerId }),
        ...headers,
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
    async restartProduct() {
      product = await startProductPeer({ broker, nameResolutionDb });
      return product;
    },
    async stop() {
      await Promise.allSettled([payment?.stop(), order.stop(), product.stop(), customer.stop()]);
      await Promise.allSettled([orderSchema.drop(), paymentSchema?.drop()]);
    },
  };
}

export async function orderStatusIn(schema: ScratchSchema, orderId: string): Promise<string | undefined> {
  const { rows } = await schema.pool.query<{ status: string }>('select status from orders where id = $1', [orderId]);
  return rows[0]?.status;
}
