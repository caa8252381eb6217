import { z } from 'zod';

export const Id = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true });

/** What String.prototype.trim removes, spelled out so that every regex engine reads it alike. */
const TRIMMED = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
const NOT_BLANK = new RegExp(`[^${TRIMMED}]`);

/** Text that is trimmed and must not be blank (a pattern says so: `min(1)` on the trimmed text could not). */
export function Words(maxLength: number) {
  return z.string().trim().regex(NOT_BLANK, 'must not be blank').max(maxLength);
}

/**
 * An email address as zod's pattern has it. Its JSON Schema is that pattern alone, without `format:
 * email`: each validator reads that format its own way (one refused a local part over 64 characters
 * that the pattern, and so the service, takes), and the document must say what the service does.
 */
export const EmailAddress = z.email().max(254).meta({ format: undefined });

const HEX_UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/**
 * A page cursor: where the previous page ended, as `<position>_<id>` (pass a page's `nextCursor`
 * back unchanged). `position` is a regex of digits small enough for the service to read back, so
 * any cursor the document allows is one the service can use.
 */
export function PageCursor(position: string) {
  return z.string().regex(new RegExp(`^(?:${position})_${HEX_UUID}$`), 'not a cursor this service gave out');
}

export function cursorOf(position: bigint | number, id: string): string {
  return `${position}_${id}`;
}

/** The parts of a cursor PageCursor has checked. */
export function positionOfCursor(cursor: string): { position: string; id: string } {
  const separator = cursor.indexOf('_');
  return { position: cursor.slice(0, separator), id: cursor.slice(separator + 1) };
}

/**
 * A page of at most `limit` of `rows`, which were read one longer than that: a row beyond the page
 * means another page follows, and `cursorAfter` of the page's last row leads to it.
 */
export function cursorPage<T>(rows: T[], limit: number, cursorAfter: (last: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last) : null };
}

/**
 * An integer in a query string: decimal digits only (z.coerce.number() would read '' and ' ' as 0,
 * which its document, an integer, does not allow). The document shows the integer it stands for.
 */
export function QueryInteger(bounds: { min: number; max?: number }) {
  const { min, max = Number.MAX_SAFE_INTEGER } = bounds;
  return z
    .string()
    .regex(/^-?\d+$/, 'must be an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .meta({ type: 'integer', minimum: min, maximum: max, pattern: undefined });
}

const TRUE_WORDS = ['true', '1', 'yes', 'on', 'y', 'enabled'];
const FALSE_WORDS = ['false', '0', 'no', 'off', 'n', 'disabled'];
/** A boolean query parameter: exactly one of these words, in lower case (the document lists them). */
export const QueryFlag = z
  .stringbool({ truthy: TRUE_WORDS, falsy: FALSE_WORDS, case: 'sensitive' })
  .meta({ enum: [...TRUE_WORDS, ...FALSE_WORDS] });

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as IDR');

/** Money in integer minor units (IDR has none: 15000 means Rp 15.000). Never a float. */
export const Money = z.object({
  amount: z.number().int().nonnegative(),
  currency: CurrencyCode.default('IDR'),
});
export type Money = z.infer<typeof Money>;

export const Locale = z.enum(['id', 'en']);
export type Locale = z.infer<typeof Locale>;

export const Address = z.object({
  recipient: z.string().min(1).max(200),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  province: z.string().max(100).optional(),
  postalCode: z.string().min(3).max(10),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code')
    .default('ID'),
  phone: z.string().max(30).optional(),
});
export type Address = z.infer<typeof Address>;

/** Attribute values a category may define: flat scalars, so they index and filter well. */
export const AttributeValue = z.union([z.string(), z.number(), z.boolean()]);
export const Attributes = z.record(z.string(), AttributeValue);
