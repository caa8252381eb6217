import { randomUUID } from 'node:crypto';
import type { Money } from '@pasar/contracts';
import type { Logger } from '@pasar/service-kit';
import { signatureOf, SIGNATURE_HEADER, type PaymentProvider, type ProviderWebhook } from '../domain/provider.ts';

/**
 * A stand-in for a real payment gateway, run inside the payment process. It accepts a charge at
 * once (returning a charge id) and answers later, like a real gateway, by POSTing a signed webhook
 * (HMAC-SHA256 of the raw body under the shared secret) to `webhookUrl`, a real HTTP call.
 *
 * The rule, by the amount's last two digits (in minor units):
 *   - ...13 -> DECLINED, reason "card declined"
 *   - ...99 -> no answer at all (a charge the gateway never settles: the order times out)
 *   - anything else -> APPROVED
 * A failed webhook delivery (network error or non-2xx) is retried a few times with backoff, as
 * gateways do; a 4xx other than 404 is not retried.
 */
export function decisionFor(amount: Money): { outcome: ProviderWebhook['outcome']; reason?: string } | 'no-answer' {
  const lastTwoDigits = amount.amount % 100;
  if (lastTwoDigits === 13) return { outcome: 'DECLINED', reason: 'card declined' };
  if (lastTwoDigits === 99) return 'no-answer';
  return { outcome: 'APPROVED' };
}

export interface SimulatorOptions {
  /** Read at each delivery (tests learn the app's address only once it listens). */
  webhookUrl: string | (() => string);
  secret: string;
  delayMs: number;
  logger: Logger;
  deliveryAttempts?: number;
}

export interface ProviderSimulator extends PaymentProvider {
  /** Posts the webhook of a charge again, byte for byte (a replay, as gateways do). */
  replayWebhook(chargeId: string): Promise<Response>;
  stop(): void;
}

export function createProviderSimulator(options: SimulatorOptions): ProviderSimulator {
  const chargesByKey = new Map<string, string>();
  const sentBodies = new Map<string, string>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const post = (body: string) => fetch(typeof options.webhookUrl === 'string' ? options.webhookUrl : options.webhookUrl(), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureOf(options.secret, body) },
    body,
    signal: AbortSignal.timeout(5000),
  });

  const deliver = async (chargeId: string, body: string, attempt = 1): Promise<void> => {
    if (stopped) return;
    const response = await post(body).catch((error: unknown) => error as Error);
    const failed = response instanceof Error || (!response.ok && (response.status >= 500 || response.status === 404));
    if (!failed) return;
    if (attempt >= (options.deliveryAttempts ?? 6)) {
      options.logger.error({ chargeId }, 'provider simulator: gave up delivering a webhook');
      return;
    }
    later(() => void deliver(chargeId, body, attempt + 1), 200 * 2 ** attempt);
  };

  const later = (fn: () => void, delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, delayMs);
    timers.add(timer);
  };

  return {
    async charge({ idempotencyKey, amount }) {
      const existing = chargesByKey.get(idempotencyKey);
      if (existing) return { chargeId: existing };
      const chargeId = `ch_${randomUUID().replaceAll('-', '')}`;
      chargesByKey.set(idempotencyKey, chargeId);
      const decision = decisionFor(amount);
      if (decision !== 'no-answer') {
        const webhook: ProviderWebhook = { eventId: randomUUID(), chargeId, ...decision, occurredAt: new Date().toISOString() };
        const body = JSON.stringify(webhook);
        sentBodies.set(chargeId, body);
        later(() => void deliver(chargeId, body), options.delayMs);
      }
      return { chargeId };
    },
    async replayWebhook(chargeId) {
      const body = sentBodies.get(chargeId);
      if (!body) throw new Error(`no webhook was sent for ${chargeId}`);
      return post(body);
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
