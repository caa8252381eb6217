import type { Money } from '@pasar/contracts';

/** Minor-unit digits per currency as Pasar stores them (IDR has none in practice). */
const MINOR_DIGITS: Record<string, number> = { IDR: 0, JPY: 0, KRW: 0, VND: 0 };

export function formatMoney(money: Money, locale: string): string {
  const digits = MINOR_DIGITS[money.currency] ?? 2;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(money.amount / 10 ** digits);
}
