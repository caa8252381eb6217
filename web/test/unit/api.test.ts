import { describe, expect, it } from 'vitest';
import { ApiError, errorsFor } from '../../src/api.ts';

describe('problem+json errors placed at their fields', () => {
  const problem = new ApiError(400, 'Bad Request', 'Invalid body', [
    { field: 'shippingAddress.postalCode', message: 'Too small: expected string to have >=3 characters' },
    { field: 'shippingAddress.city', message: 'Required' },
    { field: 'items.0.productId', message: 'not for sale' },
  ]);

  it('when a form sits under a prefix, then each field error it has a field for goes to that field, the rest stay together', () => {
    const { byField, rest } = errorsFor(problem, ['postalCode', 'city', 'recipient'], 'shippingAddress.');

    expect(byField).toEqual({ postalCode: 'Too small: expected string to have >=3 characters', city: 'Required' });
    expect(rest).toEqual([{ field: 'items.0.productId', message: 'not for sale' }]);
  });

  it("when the error is not the API's, then no field is blamed", () => {
    expect(errorsFor(new Error('boom'), ['city'])).toEqual({ byField: {}, rest: [] });
  });

  it.each([
    [503, true],
    [504, true],
    [0, true],
    [429, true],
    [400, false],
    [409, false],
    [404, false],
  ])('when the API answers %i, then trying again as it is %s', (status, retryable) => {
    expect(new ApiError(status, 'x').retryable).toBe(retryable);
  });
});
