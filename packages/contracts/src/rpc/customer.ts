import { z } from 'zod';
import { AppId } from '../app-ids.ts';
import { Address, EmailAddress, Id, Locale } from '../common.ts';
import { defineRpc, NoBody } from './define.ts';

export const CustomerProfile = z.object({
  id: Id,
  name: z.string(),
  email: EmailAddress,
  locale: Locale,
  defaultAddress: Address.nullable(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

/** "get customer" (order -> customer, email -> customer). */
export const getCustomer = defineRpc({
  name: 'customer.getCustomer',
  appId: AppId.customer,
  method: 'GET',
  path: '/internal/customers/:customerId',
  params: z.object({ customerId: Id }),
  body: NoBody,
  response: CustomerProfile,
});
