import type { CustomerAccount, LoginResponse } from '@pasar/contracts';
import { ApiError, request } from './api.ts';
import { language } from './i18n.ts';
import { persistedStore } from './store.ts';

export interface Session {
  token: string;
  customerId: string;
  /** Epoch ms; the token is dropped a minute before, rather than fail a checkout halfway. */
  expiresAt: number;
}

const isSession = (value: unknown): value is Session =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Session).token === 'string' &&
  (value as Session).expiresAt > Date.now() + 60_000;

export const session = persistedStore<Session | null>('pasar.session', null, isSession);

export function currentToken(): string | undefined {
  const current = session.get();
  if (current && current.expiresAt <= Date.now() + 60_000) {
    session.set(null);
    return undefined;
  }
  return current?.token;
}

/**
 * Logs in and answers the session without starting it, so that the caller can first merge the
 * guest's cart (pages that see a session read the customer's cart at once). Takes the customer's own
 * language (the one their mails use) for the pages too.
 */
export async function logIn(email: string, password: string): Promise<Session> {
  const { data } = await request<LoginResponse>('POST', '/api/customers/login', { body: { email, password } });
  const { data: me } = await request<CustomerAccount>('GET', '/api/customers/me', { token: data.accessToken }).catch(() => ({
    data: undefined,
  }));
  if (me) language.set(me.locale);
  return { token: data.accessToken, customerId: data.customerId, expiresAt: Date.now() + data.expiresIn * 1000 };
}

/** Registers in the language the pages are in, then logs in. */
export async function register(name: string, email: string, password: string): Promise<Session> {
  await request<CustomerAccount>('POST', '/api/customers', { body: { name, email, password, locale: language.get() } });
  return logIn(email, password);
}

export function logOut(): void {
  session.set(null);
}

/** A protected call whose token the gateway refused: the session is over. */
export function endSessionIf401(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) logOut();
}
