/** Socket-level failures: the server is not there, or the connection to it broke. */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATEs meaning "the server cannot serve you now", as opposed to "your statement is wrong":
 * 57P01-57P03 shutdown / not yet accepting, 53300 too many connections, 57014 statement timeout.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);

/** What pg (and pg-pool) throw, by message only, when a connection cannot be made or was lost. */
const CONNECTION_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable/i;

/**
 * True when an error from pg means the database is unreachable or going away, so a service can
 * answer 503 instead of 500. Looks through `cause` and AggregateError (happy-eyeballs connects).
 */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (CONNECTION_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some(isConnectionError)) return true;
  return isConnectionError(error.cause);
}
