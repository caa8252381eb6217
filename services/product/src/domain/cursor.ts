import { AppError } from '@pasar/service-kit';
import type { z } from 'zod';

/**
 * Opaque page cursors: base64url JSON of where the previous page ended. Clients pass them back
 * unchanged; anything that does not decode to the expected shape is a 400 naming `field`.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S, field: string): z.infer<S> {
  const parsed = schema.safeParse(parseJson(Buffer.from(cursor, 'base64url').toString('utf8')));
  if (parsed.success) return parsed.data;
  throw AppError.badRequest(`Invalid ${field}`, [{ field, message: 'not a cursor this service gave out' }]);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
