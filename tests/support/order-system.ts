import { AppId, CUSTOMER_ID_HEADER } from '@pasar/contracts';
import type { OutboxPublisher } from '@pasar/postgres';
import {
  createScratchSchema,
  drainOrderCreatedBacklog,
  isolatedNameResolution,
  startAppProcess,
  startAppWithSidecar,
  startCustomerStandIn,
  startProductStandIn,
  waitForSubscriptions,
  type AppProcess,
  type AppUnderTest,
  type Broker,
  type CustomerStandIn,
  type ProductStandIn,
  type ScratchSchema,
} from '@pasar/testing';
import { buildOrderService } from '../../services/order/src/app.ts';
import { Config as OrderConfig } from '../../services/order/src/config.ts';
import type { ProviderSimulator } from '../../services/payment/src/provider-simulator/provider-simulator.ts';
import { startPaymentApp } from './payment-app.ts';

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
  product: ProductStandIn;
  customer: CustomerStandIn;
  order: Pick<AppUnderTest, 'appId' | 'sidecar' | 'dapr' | 'stop'>;
  /** The order process, when orderAsProcess was asked for. */
  orderProcess: AppProcess | undefined;
  orderSchema: ScratchSchema;
  payment: AppUnderTest | undefined;
  paymentSchema: ScratchSchema | undefined;
  simulator: ProviderSimulator | undefined;
  /** Calls the order app as the gateway would: through a sidecar (the order app's own). */
  orders(
    method: string,
    path: string,
    options?: { customerId?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Replaces the product stand-in (after a test stopped it). */
  restartProduct(): Promise<ProductStandIn>;
  stop(): Promise<void>;
}

/**
 * The order app (and the payment app) under test beside real sidecars, with stand-in product and
 * customer apps, in a name-resolution cluster of their own, each app on a schema of its own. The
 * order app's tests and bench/place-order run on it.
 */
export async function startSystem(options: SystemOptions = {}): Promise<TestSystem> {
  const broker = options.broker ?? 'redis';
  const nameResolutionDb = isolatedNameResolution();
  const withPayment = options.withPayment ?? true;
  const orderSchema = await createScratchSchema('ordering_test');
  const paymentSchema = withPayment ? await createScratchSchema('payment_test') : undefined;
  const started = await Promise.all([
    startProductStandIn({ broker, nameResolutionDb }),
    startCustomerStandIn({ broker, nameResolutionDb }),
  ]);
  let product = started[0];
  const customer = started[1];

  const orderEnv = { DATABASE_URL: orderSchema.url, SWEEP_INTERVAL_MS: '200', OUTBOX_POLL_INTERVAL_MS: '500', ...options.orderEnv };
  const orderProcess = options.orderAsProcess
    ? await startAppProcess({ appId: AppId.order, broker, nameResolutionDb, entry: 'services/order/src/main.ts', env: orderEnv })
    : undefined;
  const order =
    orderProcess ??
    (await startAppWithSidecar({
      appId: AppId.order,
      broker,
      nameResolutionDb,
      ...(options.orderSidecarEnv && { sidecarEnv: options.orderSidecarEnv }),
      build: (deps) =>
        buildOrderService(options.orderPublisher ? { publisher: options.orderPublisher } : {})(
          OrderConfig.parse({ APP_PORT: '0', ...orderEnv }),
          deps,
        ),
    }));

  const payment =
    paymentSchema &&
    (await startPaymentApp({
      broker,
      nameResolutionDb,
      databaseUrl: paymentSchema.url,
      env: { CALLBACK_POLL_INTERVAL_MS: '300', OUTBOX_POLL_INTERVAL_MS: '500', ...options.paymentEnv },
    }));
  if (payment && paymentSchema) {
    await waitForSubscriptions(payment.app, 1);
    await drainOrderCreatedBacklog(order, paymentSchema);
  }

  return {
    nameResolutionDb,
    get product() {
      return product;
    },
    customer,
    order,
    orderProcess,
    orderSchema,
    payment: payment?.app,
    paymentSchema,
    simulator: payment?.simulator,
    orders: (method, path, { customerId, body, headers } = {}) =>
      fetch(`${order.sidecar.url}/v1.0/invoke/${AppId.order}/method${path}`, {
        method,
        headers: {
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(customerId && { [CUSTOMER_ID_HEADER]: customerId }),
          ...headers,
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      }),
    async restartProduct() {
      product = await startProductStandIn({ broker, nameResolutionDb });
      return product;
    },
    async stop() {
      await Promise.allSettled([payment?.app.stop(), order.stop(), product.stop(), customer.stop()]);
      await Promise.allSettled([orderSchema.drop(), paymentSchema?.drop()]);
    },
  };
}

export async function orderStatusIn(schema: ScratchSchema, orderId: string): Promise<string | undefined> {
  const { rows } = await schema.pool.query<{ status: string }>('select status from orders where id = $1', [orderId]);
  return rows[0]?.status;
}
