import { createHmac, timingSafeEqual } from 'node:crypto';
import { Id, Timestamp, type Money } from '@pasar/contracts';
import { z } from 'zod';

/** A payment gateway: it accepts a charge at once and tells its outcome later, on our webhook. */
export interface PaymentProvider {
  /**
   * Starts a charge and returns the provider's id for it. Idempotent per `idempotencyKey` (we pass
   * the payment id), as real gateways are: a retried call gets the same charge, never a second one.
   */
  charge(request: { idempotencyKey: string; amount: Money; reference: string }): Promise<{ chargeId: string }>;
  /**
   * Gives an approved charge back in full and returns the provider's id for the refund; its outcome
   * comes later on the webhook (`REFUNDED`). Idempotent per `idempotencyKey`, like a charge.
   */
  refund(request: { chargeId: string; idempotencyKey: string }): Promise<{ refundId: string }>;
}

/** The body the provider posts to POST /webhooks/provider. */
export const ProviderWebhook = z.object({
  /** The provider's id of this notification: a replay carries the same one. */
  eventId: Id,
  chargeId: z.string().min(1).max(200),
  /** The verdict on a charge (APPROVED, DECLINED), or a refund of it done (REFUNDED). */
  outcome: z.enum(['APPROVED', 'DECLINED', 'REFUNDED']),
  /** The provider's id of the refund, on a REFUNDED webhook. */
  refundId: z.string().min(1).max(200).optional(),
  reason: z.string().max(500).optional(),
  occurredAt: Timestamp,
});
export type ProviderWebhook = z.infer<typeof ProviderWebhook>;

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const SIGNATURE_HEADER = 'x-provider-signature';

export function signatureOf(secret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

/** Constant-time comparison, so the signature cannot be guessed byte by byte. */
export function isSignatureValid(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signatureOf(secret, rawBody));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
