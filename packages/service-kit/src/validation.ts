import type { z } from 'zod';
import { AppError, fieldErrorsOf } from './errors.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** Parses request input, or throws a 400 naming every field at fault. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error, location === 'body' ? undefined : location);
  throw AppError.badRequest(`Invalid request ${location}: ${fields.map((f) => f.field).join(', ')}`, fields);
}
