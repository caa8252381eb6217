import { z } from 'zod';

export const Id = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true });

export const CurrencyCode = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as IDR');

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
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code').default('ID'),
  phone: z.string().max(30).optional(),
});
export type Address = z.infer<typeof Address>;

/** Attribute values a category may define: flat scalars, so they index and filter well. */
export const AttributeValue = z.union([z.string(), z.number(), z.boolean()]);
export const Attributes = z.record(z.string(), AttributeValue);
