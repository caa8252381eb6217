import { describe, expect, it } from 'vitest';
import { decisionFor } from '../../src/provider-simulator/provider-simulator.ts';
import { isSignatureValid, signatureOf } from '../../src/domain/provider.ts';

describe('the provider simulator rule', () => {
  it.each([
    [10_013, { outcome: 'DECLINED', reason: 'card declined' }],
    [113, { outcome: 'DECLINED', reason: 'card declined' }],
    [10_099, 'no-answer'],
    [10_000, { outcome: 'APPROVED' }],
    [10_014, { outcome: 'APPROVED' }],
  ] as const)('when the amount is %d, then the provider answers %j', (amount, decision) => {
    expect(decisionFor({ amount, currency: 'IDR' })).toEqual(decision);
  });
});

describe('webhook signatures', () => {
  const secret = 'a-secret-of-sixteen+';
  const body = Buffer.from('{"chargeId":"ch_1"}');

  it('when the body is signed with the secret, then the signature holds', () => {
    expect(isSignatureValid(secret, body, signatureOf(secret, body))).toBe(true);
  });

  it('when the signature is missing, of another secret, of another body or malformed, then it does not hold', () => {
    expect(isSignatureValid(secret, body, undefined)).toBe(false);
    expect(isSignatureValid(secret, body, signatureOf('another-secret-here', body))).toBe(false);
    expect(isSignatureValid(secret, body, signatureOf(secret, '{"chargeId":"ch_2"}'))).toBe(false);
    expect(isSignatureValid(secret, body, 'sha256=zz')).toBe(false);
  });
});
