import { AppId, DevelopmentSecret } from '@pasar/contracts';
import { BaseConfig, DAPR_API_TOKEN_HEADER, envFlag } from '@pasar/service-kit';
import { z } from 'zod';

export const Config = BaseConfig.extend({
  /** The payment role: it owns schema payment of the shared database and can touch nothing else. */
  DATABASE_URL: z.string().startsWith('postgres').default('postgres://payment:payment@127.0.0.1:5432/pasar'),
  MIGRATE_ON_START: envFlag(true),
  /** This app's Dapr app id (the dapr CLI sets APP_ID); the simulator reaches the webhook through it. */
  APP_ID: z.string().min(1).default(AppId.payment),
  /** Shared with the payment provider: it signs every webhook body with HMAC-SHA256 under this secret. */
  PROVIDER_WEBHOOK_SECRET: z.string().min(16).default(DevelopmentSecret.providerWebhook),
  /** Where the provider simulator posts its webhooks. Default: this app, through its own sidecar. */
  PAYMENT_WEBHOOK_URL: z.url().optional(),
  /** How long the simulated provider takes to answer a charge on the webhook. */
  PROVIDER_DELAY_MS: z.coerce.number().int().nonnegative().default(200),
  /** How often pending order callbacks are looked at (besides being woken at once). */
  CALLBACK_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  /** How often payments waiting for a refund request are looked at (besides being woken at once). */
  REFUND_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  /** Outbox publishes in flight at once; messages of different orders need no order among them. */
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
});
export type Config = z.infer<typeof Config>;

export function webhookUrlOf(config: Config): string {
  return (
    config.PAYMENT_WEBHOOK_URL ??
    `http://${config.DAPR_HOST}:${config.DAPR_HTTP_PORT}/v1.0/invoke/${encodeURIComponent(config.APP_ID)}/method/webhooks/provider`
  );
}

/** The simulator's webhook goes through the payment app's own sidecar, which wants its API token; an outside URL gets none. */
export function webhookHeadersOf(config: Config): Record<string, string> {
  return config.DAPR_API_TOKEN && !config.PAYMENT_WEBHOOK_URL ? { [DAPR_API_TOKEN_HEADER]: config.DAPR_API_TOKEN } : {};
}
