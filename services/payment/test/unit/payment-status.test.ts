import { describe, expect, it } from 'vitest';
import { statusesLeadingTo } from '../../src/domain/payment.ts';

describe('payment status transitions', () => {
  it.each([
    ['SUCCEEDED', ['PENDING']],
    ['FAILED', ['PENDING']],
    ['REFUND_PENDING', ['SUCCEEDED']],
    ['REFUNDED', ['REFUND_PENDING']],
    ['PENDING', []],
  ] as const)('when a payment is to become %s, then it may only come from %j', (target, sources) => {
    expect(statusesLeadingTo(target)).toEqual(sources);
  });

  it('when a payment failed or was refunded, then nothing leads out of it (it is final)', () => {
    const targets = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUND_PENDING', 'REFUNDED'] as const;

    expect(targets.filter((target) => statusesLeadingTo(target).some((source) => source === 'FAILED' || source === 'REFUNDED'))).toEqual(
      [],
    );
  });
});
