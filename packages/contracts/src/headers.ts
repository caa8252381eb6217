/**
 * Set by the gateway after it verified the customer's JWT; services behind it read the caller from
 * here and never from the body. Only the gateway is exposed, so nothing else can set it.
 */
export const CUSTOMER_ID_HEADER = 'x-pasar-customer-id';

/** Sent with a POST: a retry with the same key answers the first result instead of doing it twice. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Set by the gateway beside the caller's id on staff routes: the staff role of its token (admin or staff). */
export const STAFF_ROLE_HEADER = 'x-pasar-staff-role';

/** The roles a staff token carries in its `role` claim; a customer's token has none. admin may do everything staff may. */
export const StaffRoles = ['staff', 'admin'] as const;
export type StaffRole = (typeof StaffRoles)[number];
