import { pingPostgres, startServiceOutboxRelay, type OutboxPublisher } from '@pasar/postgres';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import { webhookHeadersOf, webhookUrlOf, type Config } from './config.ts';
import { openDatabase } from './data-access/db.ts';
import { createDueWorkRepository } from './data-access/due-work-repository.ts';
import { createPeers } from './data-access/peers.ts';
import { createPaymentsRepository } from './data-access/payments-repository.ts';
import { createPaymentSettler } from './domain/settle-payment.ts';
import { createPaymentStarter } from './domain/start-payment.ts';
import { startOrderCallbackRelay } from './jobs/order-callback-relay.ts';
import { startRefundRelay } from './jobs/refund-relay.ts';
import { migrateProviderSimulator } from './provider-simulator/migrate.ts';
import { createProviderSimulator, type ProviderSimulator } from './provider-simulator/provider-simulator.ts';
import { paymentApi } from './routes/api-description.ts';
import { onOrderCreated } from './subscriptions/order-created.ts';
import { WEBHOOK_PATH, webhookRoutes } from './routes/webhooks.ts';

export interface PaymentServiceOptions {
  publisher?: OutboxPublisher;
  /** Overrides PAYMENT_WEBHOOK_URL, read at each webhook delivery. */
  webhookUrl?: () => string;
  /** Receives the provider simulator, so tests can replay its webhooks. */
  onSimulator?: (simulator: ProviderSimulator) => void;
}

export function buildPaymentService(options: PaymentServiceOptions = {}): BuildService<Config> {
  return async (config, { logger, dapr }) => {
    const pool = await openDatabase({ url: config.DATABASE_URL, migrate: config.MIGRATE_ON_START, logger });
    if (config.MIGRATE_ON_START)
      await migrateProviderSimulator(pool, logger).catch(async (error: unknown) => {
        await pool.end();
        throw error;
      });
    const payments = createPaymentsRepository(pool);
    const dueWork = createDueWorkRepository(pool);
    const provider = createProviderSimulator({
      pool,
      webhookUrl: options.webhookUrl ?? webhookUrlOf(config),
      webhookHeaders: webhookHeadersOf(config),
      secret: config.PROVIDER_WEBHOOK_SECRET,
      delayMs: config.PROVIDER_DELAY_MS,
      logger,
    });
    options.onSimulator?.(provider);
    const outbox = startServiceOutboxRelay({ pool, publisher: options.publisher ?? dapr, logger }, config);
    const refunds = startRefundRelay({ dueWork, provider, logger, pollIntervalMs: config.REFUND_POLL_INTERVAL_MS });
    const callbacks = startOrderCallbackRelay({
      dueWork,
      peers: createPeers(dapr),
      logger,
      pollIntervalMs: config.CALLBACK_POLL_INTERVAL_MS,
      onRefused: () => refunds.wake(),
    });
    const startPayment = createPaymentStarter({ payments, provider });
    const settlePayment = createPaymentSettler({
      payments,
      onSettled: () => {
        callbacks.wake();
        outbox.wake();
      },
    });

    const routes = express.Router();
    routes.use(webhookRoutes({ secret: config.PROVIDER_WEBHOOK_SECRET, settlePayment }));
    return {
      app: createServiceApp({
        logger,
        readiness: [sidecarCheck(dapr), { name: 'postgres', check: () => pingPostgres(pool) }],
        subscriptions: [onOrderCreated(startPayment)],
        routes,
        api: paymentApi,
        // The provider signs the raw bytes of the webhook's body.
        rawBodyRoutes: [{ path: WEBHOOK_PATH, limit: '64kb' }],
      }),
      closers: [() => pool.end(), () => outbox.stop(), () => callbacks.stop(), () => refunds.stop(), () => provider.stop()],
    };
  };
}

export const buildService: BuildService<Config> = buildPaymentService();
