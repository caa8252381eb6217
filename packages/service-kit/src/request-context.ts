import { AsyncLocalStorage } from 'node:async_hooks';
import { trace } from '@opentelemetry/api';

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

/**
 * Headers to forward on an outbound call made while handling a request or message. Under an active
 * span (tracing set up) the http and undici instrumentations add the traceparent of the call's own
 * span; without one, the traceparent the request arrived with goes on as it is.
 */
export function propagationHeaders(): Record<string, string> {
  const context = storage.getStore();
  if (!context) return {};
  const span = trace.getActiveSpan()?.spanContext();
  const traced = span !== undefined && trace.isSpanContextValid(span);
  return {
    'x-request-id': context.requestId,
    ...(context.traceparent && !traced && { traceparent: context.traceparent }),
  };
}
