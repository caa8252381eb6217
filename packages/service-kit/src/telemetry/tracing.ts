import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { serviceNameOf, type TelemetrySettings } from './settings.ts';

/** The packages the instrumentations below wrap (node:http and undici are wrapped without a loader hook). */
export const INSTRUMENTED_MODULES = ['express', 'router', 'pg', 'pg-pool', 'mongodb'] as const;

/** Probes and scrapes are not worth a span each (they would be most of the spans kept). */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Sets up OpenTelemetry for the process: W3C trace context, spans of the http server and clients
 * (node:http, which the Dapr SDK uses, and undici, which fetch uses), express, pg and mongodb, sent
 * to Zipkin under the app's name. The Elasticsearch client makes its own spans through the same API.
 */
export function startTracing(settings: TelemetrySettings): TracerProvider {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const serviceName = serviceNameOf(settings);
  const spanProcessors: SpanProcessor[] = settings.ZIPKIN_ENDPOINT
    ? [new BatchSpanProcessor({ exporter: new ZipkinExporter({ url: settings.ZIPKIN_ENDPOINT, serviceName }) })]
    : [];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    sampler: samplerOf(settings),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has(req.url?.split('?')[0] ?? ''),
        // The exporter's own posts to Zipkin would each start a trace of their own.
        ignoreOutgoingRequestHook: (req) => isZipkin(req.port, req.path, settings.ZIPKIN_ENDPOINT),
      }),
      new UndiciInstrumentation(),
      new ExpressInstrumentation({ ignoreLayersType: ['middleware' as never, 'request_handler' as never] }),
      new PgInstrumentation({ requireParentSpan: true }),
      new MongoDBInstrumentation({ requireParentSpan: true }),
    ],
  });
  return provider;
}

function samplerOf(settings: TelemetrySettings) {
  if (settings.TRACE_SAMPLING_RATE === 0 || !settings.ZIPKIN_ENDPOINT) return new ParentBasedSampler({ root: new AlwaysOffSampler() });
  return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.TRACE_SAMPLING_RATE) });
}

function isZipkin(port: string | number | null | undefined, path: string | null | undefined, endpoint: string): boolean {
  if (!endpoint) return false;
  const zipkin = new URL(endpoint);
  return String(port ?? '') === zipkin.port && (path ?? '').startsWith(zipkin.pathname);
}
