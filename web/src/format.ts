import type { Language } from './language.ts';

/** Money as the API sends it: integer minor units (IDR has none). */
export interface Money {
  amount: number;
  currency: string;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** "Rp 1.250.000", as Indonesians write it, whatever the page's language. */
export function formatMoney(money: Money): string {
  let formatter = formatters.get(money.currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('id-ID', {
      style: 'currency',
      currency: money.currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    });
    formatters.set(money.currency, formatter);
  }
  return formatter.format(money.amount);
}

export const formatRupiah = (amount: number): string => formatMoney({ amount, currency: 'IDR' });

export function formatDateTime(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A price bucket of the search facets: `from` inclusive, `to` exclusive, null when open-ended. */
export function formatPriceRange(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return `${formatRupiah(from)} – ${formatRupiah(to)}`;
  if (from !== null) return `≥ ${formatRupiah(from)}`;
  if (to !== null) return `< ${formatRupiah(to)}`;
  return '';
}
