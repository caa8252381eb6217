import type { Address, OrderView } from '@pasar/contracts';
import { ApiError, request } from './api.ts';
import { loadCart } from './cart.ts';

/**
 * A checkout being sent: its Idempotency-Key and body, kept in this tab's sessionStorage until the
 * API has answered for good. A double click sends nothing more; a reload sends the same key again,
 * which the order service answers with the order it already made, never a second one.
 */
interface PendingCheckout {
  key: string;
  body: { fromCart: true; shippingAddress: Address };
}

const STORAGE_KEY = 'pasar.pendingCheckout';
let inFlight: Promise<OrderView> | undefined;

export function pendingCheckout(): PendingCheckout | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as PendingCheckout) : undefined;
  } catch {
    return undefined;
  }
}

export function placeOrder(token: string, shippingAddress: Address): Promise<OrderView> {
  const pending = pendingCheckout() ?? { key: crypto.randomUUID(), body: { fromCart: true as const, shippingAddress } };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(pending));
  return send(token, pending);
}

/** Sends the checkout left pending by a reload, if there is one. */
export function resumeCheckout(token: string): Promise<OrderView> | undefined {
  const pending = pendingCheckout();
  return pending ? send(token, pending) : undefined;
}

function send(token: string, pending: PendingCheckout): Promise<OrderView> {
  inFlight ??= request<OrderView>('POST', '/api/orders', { token, body: pending.body, headers: { 'idempotency-key': pending.key } })
    .then(
      async (answer) => {
        sessionStorage.removeItem(STORAGE_KEY);
        await loadCart().catch(() => undefined);
        return answer.data;
      },
      (error: unknown) => {
        // Only an answer that will not change on a retry ends the attempt; a busy service keeps the key.
        if (error instanceof ApiError && !error.retryable) sessionStorage.removeItem(STORAGE_KEY);
        throw error;
      },
    )
    .finally(() => {
      inFlight = undefined;
    });
  return inFlight;
}
