import { randomUUID } from 'node:crypto';
import { CUSTOMER_ID_HEADER } from '@pasar/contracts';
import { describe, expect, it } from 'vitest';
import { callerIdOf, optionalCallerIdOf } from '../src/caller.ts';

const requestWith = (headers: Record<string, string>) => ({ get: (name: string) => headers[name.toLowerCase()] });

describe('the caller a request names', () => {
  it('when the gateway set a valid customer id, then both functions answer it', () => {
    const customerId = randomUUID();
    const req = requestWith({ [CUSTOMER_ID_HEADER]: customerId });

    expect(callerIdOf(req)).toBe(customerId);
    expect(optionalCallerIdOf(req)).toBe(customerId);
  });

  it.each([
    ['missing', {}],
    ['not a uuid', { [CUSTOMER_ID_HEADER]: 'not-a-uuid' }],
  ])(
    'when the customer id is %s, then callerIdOf is a 401 naming the header and optionalCallerIdOf is undefined',
    (_what, headers: Record<string, string>) => {
      const req = requestWith(headers);

      expect(() => callerIdOf(req)).toThrow(expect.objectContaining({ status: 401, message: expect.stringContaining(CUSTOMER_ID_HEADER) }));
      expect(optionalCallerIdOf(req)).toBeUndefined();
    },
  );
});
