import { auditRoutes } from '@pasar/audit';
import { pingPostgres, startServiceOutboxRelay, type OutboxPublisher } from '@pasar/postgres';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import type { Config } from './config.ts';
import { createAuditStore } from './data-access/audit-store.ts';
import { createCartStore } from './data-access/cart-store.ts';
import { openDatabase } from './data-access/db.ts';
import { createOrdersRepository } from './data-access/orders-repository.ts';
import { createPeers } from './data-access/peers.ts';
import { createCartUseCases } from './domain/cart-use-cases.ts';
import { createOrderAdministration } from './domain/order-administration.ts';
import { createOrderLifecycle } from './domain/order-lifecycle.ts';
import { createOrderQueries } from './domain/order-queries.ts';
import { startPaymentTimeoutSweeper } from './jobs/payment-timeout-sweeper.ts';
import { createOrderPlacement } from './domain/place-order.ts';
import { adminOrderRoutes } from './routes/admin-orders.ts';
import { orderApi } from './routes/api-description.ts';
import { cartRoutes } from './routes/cart.ts';
import { internalRoutes } from './routes/internal.ts';
import { orderRoutes } from './routes/orders.ts';

export interface OrderServiceOptions {
  /** Where the outbox relay publishes; default the app's own sidecar. */
  publisher?: OutboxPublisher;
}

/** Migrates, wires routes, the outbox relay and the payment timeout sweeper; all stop on shutdown. */
export function buildOrderService(options: OrderServiceOptions = {}): BuildService<Config> {
  return async (config, { logger, dapr }) => {
    const pool = await openDatabase({ url: config.DATABASE_URL, migrate: config.MIGRATE_ON_START, logger });
    const orders = createOrdersRepository(pool);
    const peers = createPeers(dapr);
    // order-created goes out only through the outbox, several at once: messages of different orders need no order among them.
    const relay = startServiceOutboxRelay({ pool, publisher: options.publisher ?? dapr, logger }, config);
    const lifecycle = createOrderLifecycle({ orders, peers, logger });
    const cart = createCartUseCases({ carts: createCartStore(dapr, config.CART_TTL_SECONDS), peers });
    const placeOrder = createOrderPlacement({ orders, peers, logger, cart, onCommitted: () => relay.wake() });
    const sweeper = startPaymentTimeoutSweeper({
      orders,
      lifecycle,
      logger,
      timeoutMs: config.PAYMENT_TIMEOUT_MS,
      intervalMs: config.SWEEP_INTERVAL_MS,
    });

    const routes = express.Router();
    const administration = createOrderAdministration({ orders, lifecycle, logger });
    routes.use(
      orderRoutes({ queries: createOrderQueries({ orders }), placeOrder }),
      cartRoutes({ cart }),
      adminOrderRoutes({ administration }),
      auditRoutes(createAuditStore(pool)),
      internalRoutes({ lifecycle }),
    );
    return {
      app: createServiceApp({
        logger,
        readiness: [sidecarCheck(dapr), { name: 'postgres', check: () => pingPostgres(pool) }],
        routes,
        api: orderApi,
      }),
      closers: [() => pool.end(), () => relay.stop(), () => sweeper.stop()],
    };
  };
}

export const buildService: BuildService<Config> = buildOrderService();
