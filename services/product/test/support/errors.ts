import { AppError } from '@pasar/service-kit';
import { expect } from 'vitest';

/** Awaits a rejection that must be an AppError of `status`; returns it for further checks. */
export async function rejection(promise: Promise<unknown>, status: number): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

export function fieldsOf(error: AppError): string[] {
  return (error.fieldErrors ?? []).map((f) => f.field);
}
