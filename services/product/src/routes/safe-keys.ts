import { AppError, type FieldError } from '@pasar/service-kit';
import type { RequestHandler } from 'express';

/**
 * Refuses any key that starts with `$` or contains `.`, at any depth of the body or query: such keys
 * are MongoDB operators and paths, never data, so they can never reach a filter or update.
 */
export const rejectOperatorKeys: RequestHandler = (req, _res, next) => {
  const fields = [...operatorKeys(req.body, []), ...operatorKeys(req.query, ['query'])];
  if (fields.length === 0) return next();
  next(AppError.badRequest(`Keys may not start with "$" or contain ".": ${fields.map((f) => f.field).join(', ')}`, fields));
};

export function operatorKeys(value: unknown, path: string[]): FieldError[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => operatorKeys(item, [...path, String(index)]));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const here = [...path, key];
    const own = key.startsWith('$') || key.includes('.') ? [{ field: here.join('.'), message: 'keys may not start with "$" or contain "."' }] : [];
    return [...own, ...operatorKeys(inner, here)];
  });
}
