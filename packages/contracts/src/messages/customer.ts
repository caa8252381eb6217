import { z } from 'zod';
import { Id } from '../common.ts';
import { messageEnvelope } from './envelope.ts';

/** Login history for the activity service. */
export const CustomerLoggedInV1 = z.object({
  ...messageEnvelope(1),
  customerId: Id,
  userAgent: z.string().max(500).optional(),
  ip: z.string().max(64).optional(),
});
export type CustomerLoggedInV1 = z.infer<typeof CustomerLoggedInV1>;
