import { Id } from '@pasar/contracts';
import { AppError, parseInput } from '@pasar/service-kit';
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Payment } from '../domain/payment.ts';
import { isSignatureValid, ProviderWebhook, SIGNATURE_HEADER } from '../domain/provider.ts';

export const WEBHOOK_PATH = '/webhooks/provider';

/** What a webhook is answered: the payment it settled, as it now stands. */
export const WebhookAnswer = z.object({
  paymentId: Id,
  status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'] satisfies Payment['status'][]),
});

/**
 * The provider's notifications. The body arrives as raw bytes (rawBodyRoutes in app.ts), because the signature
 * covers exactly those bytes; it is parsed only once the signature holds.
 */
export function webhookRoutes(deps: { secret: string; settlePayment: (webhook: ProviderWebhook) => Promise<Payment> }): Router {
  const router = express.Router();

  router.post(WEBHOOK_PATH, async (req, res) => {
    const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isSignatureValid(deps.secret, rawBody, req.get(SIGNATURE_HEADER))) {
      throw AppError.unauthorized(`A valid ${SIGNATURE_HEADER} header is required`);
    }
    const webhook = parseInput(ProviderWebhook, jsonOf(rawBody), 'body');
    const payment = await deps.settlePayment(webhook);
    const answer: z.infer<typeof WebhookAnswer> = { paymentId: payment.id, status: payment.status };
    res.json(answer);
  });

  return router;
}

function jsonOf(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw AppError.badRequest('The request body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }]);
  }
}
