/** Request headers a service may see; anything else (cookies, a forged customer id, ...) stays here. */
export const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'user-agent',
  'idempotency-key',
  'if-match',
  'if-none-match',
  'tracestate',
];
export const FORWARDED_RESPONSE_HEADERS = ['content-type', 'location', 'etag', 'cache-control', 'retry-after', 'last-modified'];
