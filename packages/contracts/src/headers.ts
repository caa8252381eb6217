/**
 * Set by the gateway after it verified the customer's JWT; services behind it read the caller from
 * here and never from the body. Only the gateway is exposed, so nothing else can set it.
 */
export const CUSTOMER_ID_HEADER = 'x-pasar-customer-id';
