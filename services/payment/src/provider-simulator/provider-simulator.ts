import { randomUUID } from 'node:crypto';
import type { Money } from '@pasar/contracts';
import type { Pool } from '@pasar/postgres';
import { backoffDelayMs, startBackgroundLoop, type Backoff, type Logger } from '@pasar/service-kit';
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
 *
 * Like a real gateway it keeps its charges (table provider_simulator_charges), so a charge is
 * idempotent per key and its webhook still comes after the payment process was killed. A refund
 * (table provider_simulator_refunds; one per approved charge) is answered the same way, after the
 * same delay, by a REFUNDED webhook. A failed delivery (network error, 5xx or 404) is retried with
 * backoff, at most `deliveryAttempts` times.
 */
export function decisionFor(amount: Money): { outcome: 'APPROVED' | 'DECLINED'; reason?: string } | 'no-answer' {
  const lastTwoDigits = amount.amount % 100;
  if (lastTwoDigits === 13) return { outcome: 'DECLINED', reason: 'card declined' };
  if (lastTwoDigits === 99) return 'no-answer';
  return { outcome: 'APPROVED' };
}

export interface SimulatorOptions {
  pool: Pool;
  /** Read at each delivery (tests learn the app's address only once it listens). */
  webhookUrl: string | (() => string);
  /** Sent with every webhook besides its signature (the sidecar's API token). */
  webhookHeaders?: Record<string, string>;
  secret: string;
  delayMs: number;
  logger: Logger;
  deliveryAttempts?: number;
  pollIntervalMs?: number;
}

export interface ProviderSimulator extends PaymentProvider {
  /** Posts the webhook of a charge again, byte for byte (a replay, as gateways do). */
  replayWebhook(chargeId: string): Promise<Response>;
  /** Posts the REFUNDED webhook of a charge's refund again, byte for byte. */
  replayRefundWebhook(chargeId: string): Promise<Response>;
  stop(): Promise<void>;
}

/** The simulator's tables of webhooks to send (fixed names, never input), each row with one. */
const WEBHOOK_SOURCES = [
  { table: 'provider_simulator_charges', key: 'charge_id' },
  { table: 'provider_simulator_refunds', key: 'refund_id' },
] as const;
type WebhookSource = (typeof WEBHOOK_SOURCES)[number];

interface DueWebhook {
  id: string;
  webhook_body: string;
  attempts: number;
}

const BATCH = 20;
/** Between deliveries of one webhook (attempts counts the one that failed too). */
const DELIVERY_BACKOFF: Backoff = { initialMs: 200, maxMs: 30_000 };

export function createProviderSimulator(options: SimulatorOptions): ProviderSimulator {
  const { pool } = options;
  const maxAttempts = options.deliveryAttempts ?? 6;
  const pollIntervalMs = options.pollIntervalMs ?? 500;

  const post = (body: string) =>
    fetch(typeof options.webhookUrl === 'string' ? options.webhookUrl : options.webhookUrl(), {
      method: 'POST',
      headers: { ...options.webhookHeaders, 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureOf(options.secret, body) },
      body,
      signal: AbortSignal.timeout(5000),
    });

  const deliver = async ({ table, key }: WebhookSource, due: DueWebhook): Promise<void> => {
    const response = await post(due.webhook_body).catch((error: unknown) => error as Error);
    const failed = response instanceof Error || (!response.ok && (response.status >= 500 || response.status === 404));
    if (!failed) {
      await pool.query(`update ${table} set delivered_at = now() where ${key} = $1`, [due.id]);
    } else if (due.attempts >= maxAttempts) {
      options.logger.error({ [key]: due.id }, 'provider simulator: gave up delivering a webhook');
    } else {
      await pool.query(`update ${table} set deliver_at = now() + make_interval(secs => $2::double precision / 1000) where ${key} = $1`, [
        due.id,
        backoffDelayMs(due.attempts + 1, DELIVERY_BACKOFF),
      ]);
    }
  };

  /** Claims due webhooks for a while (a lease, so several payment replicas never send one twice at once). */
  const claimDue = async ({ table, key }: WebhookSource): Promise<DueWebhook[]> =>
    (
      await pool.query<DueWebhook>(
        `update ${table} set attempts = attempts + 1, deliver_at = now() + interval '30 seconds'
     where ${key} in (
       select ${key} from ${table}
       where delivered_at is null and webhook_body is not null and deliver_at <= now() and attempts < $1
       order by deliver_at limit $2 for update skip locked)
     returning ${key} as id, webhook_body, attempts`,
        [maxAttempts, BATCH],
      )
    ).rows;

  const dispatcher = startBackgroundLoop(
    async () => {
      for (const source of WEBHOOK_SOURCES) {
        let due: DueWebhook[];
        do {
          due = await claimDue(source);
          await Promise.all(due.map((webhook) => deliver(source, webhook)));
        } while (due.length === BATCH);
      }
      return pollIntervalMs;
    },
    {
      backoff: { initialMs: pollIntervalMs, maxMs: 10_000 },
      onError: (error, retry) => options.logger.warn({ err: error, ...retry }, 'provider simulator: dispatch failed'),
    },
  );

  const replay = async (table: WebhookSource['table'], chargeId: string): Promise<Response> => {
    const { rows } = await pool.query<{ webhook_body: string | null }>(`select webhook_body from ${table} where charge_id = $1`, [
      chargeId,
    ]);
    const body = rows[0]?.webhook_body;
    if (!body) throw new Error(`no webhook was sent for ${chargeId} (${table})`);
    return post(body);
  };
  const timers = new Set<NodeJS.Timeout>();
  const wakeLater = (delayMs: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      dispatcher.wake();
    }, delayMs);
    timers.add(timer);
  };

  return {
    async charge({ idempotencyKey, amount, reference }) {
      const chargeId = `ch_${randomUUID().replaceAll('-', '')}`;
      const decision = decisionFor(amount);
      const webhook: ProviderWebhook | undefined =
        decision === 'no-answer'
          ? undefined
          : { eventId: randomUUID(), chargeId, ...decision, occurredAt: new Date(Date.now() + options.delayMs).toISOString() };
      const { rowCount } = await pool.query(
        `insert into provider_simulator_charges (charge_id, idempotency_key, amount, currency, reference, webhook_body, deliver_at)
         values ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7::double precision / 1000))
         on conflict (idempotency_key) do nothing`,
        [chargeId, idempotencyKey, amount.amount, amount.currency, reference, webhook ? JSON.stringify(webhook) : null, options.delayMs],
      );
      if (rowCount) {
        wakeLater(options.delayMs);
        return { chargeId };
      }
      const { rows } = await pool.query<{ charge_id: string }>(
        'select charge_id from provider_simulator_charges where idempotency_key = $1',
        [idempotencyKey],
      );
      return { chargeId: rows[0]!.charge_id };
    },
    async refund({ chargeId, idempotencyKey }) {
      const refundId = `re_${randomUUID().replaceAll('-', '')}`;
      const webhook: ProviderWebhook = {
        eventId: randomUUID(),
        chargeId,
        refundId,
        outcome: 'REFUNDED',
        occurredAt: new Date(Date.now() + options.delayMs).toISOString(),
      };
      const { rowCount } = await pool.query(
        `insert into provider_simulator_refunds (refund_id, idempotency_key, charge_id, webhook_body, deliver_at)
         select $1, $2, charge_id, $4, now() + make_interval(secs => $5::double precision / 1000)
         from provider_simulator_charges where charge_id = $3 and (webhook_body::jsonb)->>'outcome' = 'APPROVED'
         on conflict do nothing`,
        [refundId, idempotencyKey, chargeId, JSON.stringify(webhook), options.delayMs],
      );
      if (rowCount) {
        wakeLater(options.delayMs);
        return { refundId };
      }
      const { rows } = await pool.query<{ refund_id: string }>(
        'select refund_id from provider_simulator_refunds where idempotency_key = $1 and charge_id = $2',
        [idempotencyKey, chargeId],
      );
      if (!rows[0]) throw new Error(`the provider refuses to refund ${chargeId}: unknown, not approved, or refunded under another key`);
      return { refundId: rows[0].refund_id };
    },
    replayWebhook: (chargeId) => replay('provider_simulator_charges', chargeId),
    replayRefundWebhook: (chargeId) => replay('provider_simulator_refunds', chargeId),
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await dispatcher.stop();
    },
  };
}
