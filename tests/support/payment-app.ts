import { randomUUID } from 'node:crypto';
import { startAppWithSidecar, type AppUnderTest, type Broker } from '@pasar/testing';
import { buildPaymentService } from '../../services/payment/src/app.ts';
import { Config } from '../../services/payment/src/config.ts';
import type { ProviderSimulator } from '../../services/payment/src/provider-simulator/provider-simulator.ts';
import { WEBHOOK_PATH } from '../../services/payment/src/routes/webhooks.ts';

/** What the provider simulator signs its webhooks with, so a test can sign (or forge) one too. */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789';

export interface PaymentApp {
  app: AppUnderTest;
  simulator: ProviderSimulator;
}

/**
 * The real payment app in this process beside its own sidecar, under an app id of its own (a
 * consumer group of its own, so it gets every order-created), its provider simulator posting the
 * webhooks through that sidecar. `env` overrides its settings (PROVIDER_DELAY_MS, poll intervals).
 */
export async function startPaymentApp(options: {
  broker: Broker;
  nameResolutionDb: string;
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<PaymentApp> {
  const appId = `payment-${randomUUID().slice(0, 8)}`;
  let webhookUrl = '';
  let simulator: ProviderSimulator | undefined;
  const config = Config.parse({
    APP_PORT: '0',
    APP_ID: appId,
    DATABASE_URL: options.databaseUrl,
    PROVIDER_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PROVIDER_DELAY_MS: '100',
    ...options.env,
  });
  const app = await startAppWithSidecar({
    appId,
    broker: options.broker,
    nameResolutionDb: options.nameResolutionDb,
    build: (deps) =>
      buildPaymentService({
        webhookUrl: () => webhookUrl,
        onSimulator: (started) => {
          simulator = started;
        },
      })(config, deps),
  });
  webhookUrl = `${app.sidecar.url}/v1.0/invoke/${appId}/method${WEBHOOK_PATH}`;
  if (!simulator) throw new Error('the payment app started without its provider simulator');
  return { app, simulator };
}
