import { describe, expect, it } from 'vitest';
import { formatMoney, formatPriceRange, formatRupiah } from '../../src/format.ts';

/** Intl puts a no-break space after "Rp" (the price never wraps there); compare with a plain one. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('prices as Indonesians write them', () => {
  it('when an amount in rupiah is shown, then "Rp", dots between thousands and no decimals', () => {
    expect(plain(formatRupiah(1_250_000))).toBe('Rp 1.250.000');
    expect(plain(formatRupiah(15_000))).toBe('Rp 15.000');
    expect(plain(formatRupiah(0))).toBe('Rp 0');
  });

  it('when money carries its currency, then it is written in that currency the Indonesian way', () => {
    expect(plain(formatMoney({ amount: 75_000, currency: 'IDR' }))).toBe('Rp 75.000');
  });

  it('when a price bucket is open on one side, then it says so; closed, then both ends', () => {
    expect(plain(formatPriceRange(100_000, 500_000))).toBe('Rp 100.000 – Rp 500.000');
    expect(plain(formatPriceRange(1_000_000, null))).toBe('≥ Rp 1.000.000');
    expect(plain(formatPriceRange(null, 100_000))).toBe('< Rp 100.000');
  });
});
