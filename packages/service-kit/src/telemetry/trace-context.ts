import { randomUUID } from 'node:crypto';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Link } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { currentContext, runWithContext } from '../request-context.ts';

/** W3C trace context as it crosses a store (an outbox row, a payment): the trace the work belongs to. */
export interface TraceContext {
  traceparent?: string;
  tracestate?: string;
}

const tracer = trace.getTracer('@pasar/service-kit');

/**
 * The trace context of the work under way: the active span's when tracing is set up (the register
 * module), else the traceparent the request or message arrived with (apps started without it).
 */
export function currentTraceContext(): TraceContext {
  const carrier: TraceContext = {};
  propagation.inject(context.active(), carrier);
  if (carrier.traceparent) return carrier;
  const traceparent = currentContext()?.traceparent;
  return traceparent ? { traceparent } : {};
}

/** The trace and span ids of a log line: the active span's, else those of the traceparent the request came with. */
export function traceFieldsOfCurrentWork(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && trace.isSpanContextValid(span)) return { traceId: span.traceId, spanId: span.spanId };
  const [, traceId, spanId] = currentContext()?.traceparent?.split('-') ?? [];
  return traceId && spanId ? { traceId, spanId } : {};
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
}

/** Runs work in a span of its own (a child of the active one), recording a failure on it. */
export function inSpan<T>(name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Runs work (a relay publishing a stored message, a webhook settling a payment) as part of the trace
 * stored with it, in a span of its own: so a message published after a restart, or a provider's
 * webhook that carries no trace, still joins the trace that wrote it. The trace of the work that was
 * under way (the webhook's request) is kept as a link.
 */
export function continueTrace<T>(stored: TraceContext, name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  const current = trace.getActiveSpan()?.spanContext();
  const links = [...(options.links ?? []), ...(current && trace.isSpanContextValid(current) ? [{ context: current }] : [])];
  const parent = stored.traceparent ? propagation.extract(ROOT_CONTEXT, stored) : ROOT_CONTEXT;
  const fallback = {
    requestId: currentContext()?.requestId ?? randomUUID(),
    ...(stored.traceparent && { traceparent: stored.traceparent }),
  };
  return runWithContext(fallback, () => context.with(parent, () => inSpan(name, { ...options, links }, work)));
}

/** Runs work that makes no spans and sends no trace (a load generator standing for the shop's clients). */
export function runUntraced<T>(work: () => T): T {
  return context.with(suppressTracing(context.active()), work);
}

export { SpanKind };
