import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propagationHeaders, runWithContext } from '../src/request-context.ts';
import { continueTrace, currentTraceContext, traceFieldsOfCurrentWork } from '../src/telemetry/trace-context.ts';

const STORED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const ARRIVED = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('trace context without tracing set up (no register module)', () => {
  it('when a request arrived with a traceparent, then log lines and outbound calls carry it', () => {
    runWithContext({ requestId: 'r1', traceparent: ARRIVED }, () => {
      expect(traceFieldsOfCurrentWork()).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' });
      expect(currentTraceContext()).toEqual({ traceparent: ARRIVED });
      expect(propagationHeaders()).toMatchObject({ traceparent: ARRIVED });
    });
  });

  it('when stored work continues its trace, then the stored traceparent goes on, not the one of the work under way', async () => {
    const seen = await runWithContext({ requestId: 'r1', traceparent: ARRIVED }, () =>
      continueTrace({ traceparent: STORED }, 'publish', {}, async () => propagationHeaders().traceparent),
    );

    expect(seen).toBe(STORED);
  });
});

describe('trace context with tracing set up', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }));
  });

  afterAll(() => {
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('when stored work continues its trace, then its span is a child of the stored context, linked to the work under way', async () => {
    const tracer = trace.getTracer('test');
    const inner = await tracer.startActiveSpan('webhook request', async (request) => {
      const seen = await continueTrace({ traceparent: STORED }, 'settle payment', {}, async () => ({
        context: currentTraceContext(),
        log: traceFieldsOfCurrentWork(),
      }));
      request.end();
      return { ...seen, requestSpan: request.spanContext() };
    });

    const settled = exporter.getFinishedSpans().find((span) => span.name === 'settle payment')!;
    expect(settled.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(settled.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(settled.links.map((link) => link.context.spanId)).toEqual([inner.requestSpan.spanId]);
    expect(inner.context.traceparent).toBe(`00-0af7651916cd43dd8448eb211c80319c-${settled.spanContext().spanId}-01`);
    expect(inner.log).toEqual({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: settled.spanContext().spanId });
  });

  it('when a span is active, then outbound calls leave the traceparent to the http instrumentation (no second header)', () => {
    trace.getTracer('test').startActiveSpan('handler', (span) => {
      runWithContext({ requestId: 'r1', traceparent: ARRIVED }, () => expect(propagationHeaders()).toEqual({ 'x-request-id': 'r1' }));
      span.end();
    });
  });
});
