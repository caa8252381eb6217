import { AsyncLocalStorage } from 'node:async_hooks';

/** Per-request values that outbound calls carry on, so a trace crosses every hop. */
export interface RequestContext {
  requestId: string;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Headers to forward on an outbound call made while handling a request or message. */
export function propagationHeaders(): Record<string, string> {
  const context = storage.getStore();
  if (!context) return {};
  return {
    'x-request-id': context.requestId,
    ...(context.traceparent && { traceparent: context.traceparent }),
  };
}
