import { AppError } from '@pasar/service-kit';
import type { NextFunction, Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../src/routes/middleware.ts';

function call(limiter: ReturnType<typeof rateLimit>, ip: string) {
  const headers: Record<string, string> = {};
  let passed: unknown = 'not called';
  const next: NextFunction = (error?: unknown) => { passed = error; };
  limiter({ ip } as Request, { setHeader: (name: string, value: string) => { headers[name] = value; } } as unknown as Response, next);
  return { error: passed, headers };
}

describe('rate limit per client', () => {
  it('when a client exceeds its budget, then 429 with Retry-After, other clients unaffected, and the budget comes back next minute', () => {
    let now = 0;
    const limiter = rateLimit(3, () => now);

    for (let i = 0; i < 3; i++) expect(call(limiter, '10.0.0.1').error).toBeUndefined();
    now = 45_000;
    const refused = call(limiter, '10.0.0.1');
    expect(refused.error).toBeInstanceOf(AppError);
    expect((refused.error as AppError).status).toBe(429);
    expect(refused.headers['Retry-After']).toBe('15');
    expect(call(limiter, '10.0.0.2').error).toBeUndefined();

    now = 60_000;
    expect(call(limiter, '10.0.0.1').error).toBeUndefined();
  });
});
