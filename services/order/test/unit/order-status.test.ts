import type { AppError } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { planTransition } from '../../src/domain/order-status.ts';
import { hashOf } from '../../src/domain/place-order.ts';

describe('the order state machine', () => {
  it.each([
    ['PENDING_PAYMENT', 'PAID'],
    ['PENDING_PAYMENT', 'PAYMENT_FAILED'],
    ['PENDING_PAYMENT', 'CANCELLED'],
    ['PAYMENT_FAILED', 'CANCELLED'],
  ] as const)('when an order that is %s becomes %s, then the move is applied', (from, to) => {
    expect(planTransition(from, to)).toBe('apply');
  });

  it.each(['PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED'] as const)(
    'when an order that is %s is moved to the same status, then it is a no-op',
    (status) => {
      expect(planTransition(status, status)).toBe('already-done');
    },
  );

  it.each([
    ['PAID', 'CANCELLED'],
    ['PAID', 'PAYMENT_FAILED'],
    ['CANCELLED', 'PAID'],
    ['PAYMENT_FAILED', 'PAID'],
    ['CANCELLED', 'PENDING_PAYMENT'],
    ['PAID', 'PENDING_PAYMENT'],
  ] as const)('when an order that is %s is asked to become %s, then it is refused with 409', (from, to) => {
    expect(() => planTransition(from, to)).toThrow(expect.objectContaining({ status: 409 }) as AppError);
  });
});

describe('the request hash behind Idempotency-Key', () => {
  it('when the same body comes again, then its hash is the same; another body hashes differently', () => {
    const body = { items: [{ productId: '0b6f3a4e-6c1a-4c51-9d2e-3f1f1f1f1f1f', quantity: 1 }] };
    expect(hashOf(structuredClone(body))).toBe(hashOf(body));
    expect(hashOf({ items: [{ ...body.items[0]!, quantity: 2 }] })).not.toBe(hashOf(body));
  });
});
