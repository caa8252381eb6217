import type { ApiDescription } from '@pasar/service-kit';
import { z } from 'zod';
import { ProviderWebhook, SIGNATURE_HEADER } from '../domain/provider.ts';
import { WEBHOOK_PATH, WebhookAnswer } from './webhooks.ts';

/** What the payment service answers over HTTP: its provider's webhook (payments start from order events). */
export const paymentApi: ApiDescription = {
  title: 'payment',
  version: '1.0.0',
  operations: [
    {
      method: 'POST',
      path: WEBHOOK_PATH,
      summary: "The payment provider's notification of a charge's or refund's outcome",
      tags: ['provider'],
      description:
        `The provider signs the raw body: \`${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with the shared secret>\`. ` +
        'Without a valid signature nothing is read (401). A replay, or a webhook out of turn, changes nothing and answers the payment as it stands.',
      headers: z.object({ [SIGNATURE_HEADER]: z.string().regex(/^sha256=[0-9a-f]{64}$/) }),
      body: ProviderWebhook,
      responses: {
        200: { description: 'The payment it settled', schema: WebhookAnswer },
        401: { description: `No valid ${SIGNATURE_HEADER} header for this body` },
        404: { description: 'No charge with this chargeId is known' },
        503: { description: 'The payment database is unavailable' },
      },
    },
  ],
};
