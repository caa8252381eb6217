import { z } from 'zod';

/**
 * What tracing reads from the environment, once, before the app's own config: the register module
 * runs before main.ts. Validated like every setting, so a bad value stops the app naming it.
 */
export const TelemetrySettings = z.object({
  /** Zipkin's span endpoint (http://host:9411/api/v2/spans): the sidecars' too. Empty: no spans are exported, traceparent still propagates. */
  ZIPKIN_ENDPOINT: z.union([z.literal(''), z.url()]).default(''),
  /** The share of new traces kept, 0 to 1. A call that arrives sampled (or not) keeps its caller's decision. */
  TRACE_SAMPLING_RATE: z.coerce.number().min(0).max(1).default(1),
  /** The service name spans carry: the Dapr app id (the CLI sets APP_ID), else the image's SERVICE. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  APP_ID: z.string().min(1).optional(),
  SERVICE: z.string().min(1).optional(),
});
export type TelemetrySettings = z.infer<typeof TelemetrySettings>;

export function serviceNameOf(settings: TelemetrySettings): string {
  return settings.OTEL_SERVICE_NAME ?? settings.APP_ID ?? settings.SERVICE ?? 'pasar-app';
}
