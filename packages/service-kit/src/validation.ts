import type { z } from 'zod';
import { AppError, fieldErrorsOf, type FieldError } from './errors.ts';
import { unsafeTextFields } from './input-hygiene.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/** Parses request input, or throws a 400 naming every field at fault, unsafe text included. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.infer<S> {
  const prefix = location === 'body' ? [] : [location];
  const unsafe = location === 'headers' ? [] : unsafeTextFields(value, prefix);
  if (unsafe.length) throw invalid(location, unsafe);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalid(location, fieldErrorsOf(result.error, prefix[0]));
}

function invalid(location: InputLocation, fields: FieldError[]): AppError {
  return AppError.badRequest(`Invalid request ${location}: ${fields.map((f) => f.field).join(', ')}`, fields);
}
