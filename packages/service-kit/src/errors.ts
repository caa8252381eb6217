import type { ProblemDetails } from '@pasar/contracts';
import type { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type apps throw for an expected failure. The error handler turns it into an
 * application/problem+json answer; anything else thrown becomes a logged 500.
 */
export class AppError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly fieldErrors: FieldError[] | undefined;

  constructor(
    status: number,
    title: string,
    options: { detail?: string; type?: string; fieldErrors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(options.detail ?? title, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.title = title;
    this.type = options.type ?? 'about:blank';
    this.fieldErrors = options.fieldErrors;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      ...(this.message !== this.title && { detail: this.message }),
      ...(instance && { instance }),
      ...(this.fieldErrors && { errors: this.fieldErrors }),
    };
  }

  static badRequest(detail: string, fieldErrors?: FieldError[]): AppError {
    return new AppError(400, 'Bad Request', { detail, ...(fieldErrors && { fieldErrors }) });
  }
  static unauthorized(detail = 'Authentication is required'): AppError {
    return new AppError(401, 'Unauthorized', { detail });
  }
  static notFound(detail: string): AppError {
    return new AppError(404, 'Not Found', { detail });
  }
  /** Input that fits its schema but breaks a rule stated in words, or names what does not exist. */
  static unprocessable(detail: string, fieldErrors?: FieldError[]): AppError {
    return new AppError(422, 'Unprocessable Content', { detail, ...(fieldErrors && { fieldErrors }) });
  }
  static conflict(detail: string): AppError {
    return new AppError(409, 'Conflict', { detail });
  }
  static unavailable(detail: string, cause?: unknown): AppError {
    return new AppError(503, 'Service Unavailable', { detail, cause });
  }
  static timeout(detail: string, cause?: unknown): AppError {
    return new AppError(504, 'Gateway Timeout', { detail, cause });
  }
}

/**
 * `items.0.quantity`-style field paths for the issues of a zod error: each field once (its messages
 * joined), an unknown key named as a field of its own.
 */
export function fieldErrorsOf(error: z.ZodError, prefix?: string): FieldError[] {
  const messages = new Map<string, string[]>();
  for (const issue of error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const field = [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
      messages.set(field, [...(messages.get(field) ?? []), issue.message]);
    }
  }
  return [...messages].map(([field, list]) => ({ field, message: list.join('; ') }));
}
