import { newEnvelope, Topic, type CustomerLoggedInV1, type LoginRequest, type LoginResponse } from '@pasar/contracts';
import type { OutboxMessage } from '@pasar/postgres';
import { AppError } from '@pasar/service-kit';
import type { Credentials, CustomersRepository } from '../data-access/customers-repository.ts';
import type { PasswordHasher } from './passwords.ts';
import type { TokenIssuer } from './tokens.ts';

/** Where the login came from, when known: it goes into the login history. */
export interface LoginOrigin {
  userAgent?: string;
  ip?: string;
}

export type LoginAnnouncer = (customerId: string, origin: LoginOrigin) => Promise<void>;

export interface LoginDeps {
  customers: CustomersRepository;
  passwords: PasswordHasher;
  tokens: TokenIssuer;
  announceLogin: LoginAnnouncer;
}

export type LogIn = ReturnType<typeof createLogin>;

/** Checks the credentials, signs a token and tells the rest of the system about the login. */
export function createLogin(deps: LoginDeps) {
  return async function logIn(request: LoginRequest, origin: LoginOrigin): Promise<LoginResponse> {
    const { customerId, staffRole } = await authenticate(deps, request);
    const token = await deps.tokens.issue(customerId, staffRole);
    await deps.announceLogin(customerId, origin);
    return { accessToken: token.accessToken, tokenType: 'Bearer', expiresIn: token.expiresIn, customerId };
  };
}

/**
 * The customer id of matching credentials. An unknown email costs the same scrypt work as a wrong
 * password and gets the same answer, so neither the body nor the timing tells which was wrong.
 */
async function authenticate(
  { customers, passwords }: Pick<LoginDeps, 'customers' | 'passwords'>,
  { email, password }: LoginRequest,
): Promise<Credentials> {
  const credentials = await customers.findCredentialsByEmail(email);
  const matches = credentials ? await passwords.verify(password, credentials.passwordHash) : await passwords.verifyAgainstDecoy(password);
  if (!credentials || !matches) throw AppError.unauthorized('The email or password is incorrect');
  return credentials;
}

/**
 * Records customer-logged-in in the outbox (the relay publishes it): a broker that is down at
 * login time neither fails the login nor loses it from the history.
 */
export function createLoginAnnouncer(addToOutbox: (message: OutboxMessage) => Promise<void>): LoginAnnouncer {
  return async (customerId, origin) => {
    const message: CustomerLoggedInV1 = { ...newEnvelope(1), customerId, ...origin };
    await addToOutbox({ topic: Topic.customerLoggedIn, payload: message, eventId: message.eventId });
  };
}
