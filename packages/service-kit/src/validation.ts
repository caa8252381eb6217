import type { z } from 'zod';
import { AppError, fieldErrorsOf, type FieldError } from './errors.ts';
import { unsafeTextFields } from './input-hygiene.ts';

export type InputLocation = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses request input, or throws a problem naming every field at fault: a 400 when the input does
 * not fit its schema (unsafe text included), a 422 when it fits but breaks only refinements, the
 * rules an OpenAPI document can state only in words (see openapi.ts).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.infer<S> {
  const prefix = location === 'body' ? [] : [location];
  const unsafe = location === 'headers' ? [] : unsafeTextFields(value, prefix);
  if (unsafe.length) throw invalid(location, unsafe);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrorsOf(result.error, prefix[0]);
  if (result.error.issues.every((issue) => issue.code === 'custom'))
    throw AppError.unprocessable(`Request ${location} breaks a rule: ${namesOf(fields)}`, fields);
  throw invalid(location, fields);
}

function invalid(location: InputLocation, fields: FieldError[]): AppError {
  return AppError.badRequest(`Invalid request ${location}: ${namesOf(fields)}`, fields);
}

function namesOf(fields: FieldError[]): string {
  return fields.map((f) => f.field).join(', ');
}
