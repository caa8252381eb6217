import { z } from 'zod';

/** RFC 9457 problem details, as every Pasar app answers an error (application/problem+json). */
export const ProblemDetails = z.object({
  type: z.string().default('about:blank'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  /** Which input fields were at fault, by dotted path (e.g. `items.0.quantity`). */
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ProblemDetails = z.infer<typeof ProblemDetails>;
