// Public REST request/response schemas of the customer service (behind the gateway's /api/customers).
import { z } from 'zod';
import { Address, EmailAddress, Id, Locale, Timestamp, Words } from '../common.ts';

/** Long enough to resist guessing; bounded so hashing cannot be turned into a denial of service. */
export const NewPassword = z.string().min(10, 'must be at least 10 characters').max(256);

/** POST /customers */
export const RegisterCustomerRequest = z.object({
  email: EmailAddress,
  name: Words(200),
  password: NewPassword,
  locale: Locale.default('id'),
});
export type RegisterCustomerRequest = z.infer<typeof RegisterCustomerRequest>;

/** A customer's own account, as register and /customers/me answer it (never the password hash). */
export const CustomerAccount = z.object({
  id: Id,
  email: EmailAddress,
  name: z.string(),
  locale: Locale,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type CustomerAccount = z.infer<typeof CustomerAccount>;

/** POST /customers/login */
export const LoginRequest = z.object({
  email: EmailAddress,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** A signed JWT (HS256, issuer `pasar`, subject = customer id) the gateway verifies. */
export const LoginResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the token expires. */
  expiresIn: z.number().int().positive(),
  customerId: Id,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** PATCH /customers/me: the fields given change; the email and password are not changed here. */
export const UpdateProfileRequest = z
  .object({
    name: Words(200).optional(),
    locale: Locale.optional(),
  })
  .refine((update) => update.name !== undefined || update.locale !== undefined, { message: 'give at least one of name, locale' })
  .meta({ anyOf: [{ required: ['name'] }, { required: ['locale'] }] });
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** POST /customers/me/addresses and PUT /customers/me/addresses/:addressId (a full replacement). */
export const AddressRequest = Address.extend({
  /** At most one address is the default; marking one unmarks the others. */
  isDefault: z.boolean().default(false),
});
export type AddressRequest = z.infer<typeof AddressRequest>;

export const AddressParams = z.object({ addressId: Id });

export const SavedAddress = Address.extend({
  id: Id,
  isDefault: z.boolean(),
});
export type SavedAddress = z.infer<typeof SavedAddress>;

/** GET /customers/me/addresses: the default first, then oldest first. */
export const AddressList = z.object({ addresses: z.array(SavedAddress) });
export type AddressList = z.infer<typeof AddressList>;
