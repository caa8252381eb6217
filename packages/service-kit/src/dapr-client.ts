import type { DaprClient as SdkClient, HttpMethod } from '@dapr/dapr';
import { MessageSchemas, PUBSUB_NAME, pathOf, type MessageOf, type RpcContract, type Topic } from '@pasar/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { callSidecar, sdkClientFor, throwIfFailed, type SidecarAnswer } from './dapr-sdk.ts';
import { AppError } from './errors.ts';
import { DAPR_API_TOKEN_HEADER } from './sidecar-token.ts';
import { propagationHeaders } from './request-context.ts';
import { countPublished } from './metrics.ts';
import { currentTraceContext, inSpan, SpanKind } from './telemetry/trace-context.ts';
import { requestSidecar } from './sidecar-http.ts';
import { stateStoreOver, type StateStore } from './state-store.ts';

export interface DaprClientOptions {
  host: string;
  httpPort: number;
  /** Upper bound for one outbound call; Dapr resiliency retries happen inside it. */
  timeoutMs: number;
  pubsubName?: string;
  /** Sent to the sidecar in `dapr-api-token` (daprd's DAPR_API_TOKEN); none when not given. */
  apiToken?: string;
  /** Where the SDK's own (debug) lines go; none when not given. */
  logger?: Logger;
}

export interface InvokeOptions {
  headers?: Record<string, string>;
  query?: URLSearchParams;
  timeoutMs?: number;
}

/** What the sidecar says of itself (the part the kit reads; the SDK's type lacks subscriptions). */
export interface SidecarMetadata {
  id: string;
  components: Array<{ name: string; type: string }>;
  subscriptions?: Array<{ pubsubname: string; topic: string; deadLetterTopic?: string }>;
}

/** A non-2xx answer from the app that was invoked, with its problem details when it sent some. */
export class RpcError extends AppError {
  readonly rpc: string;
  readonly problem: Record<string, unknown> | undefined;

  constructor(rpc: string, status: number, problem: Record<string, unknown> | undefined) {
    super(status, typeof problem?.title === 'string' ? problem.title : `${rpc} failed`, {
      detail: typeof problem?.detail === 'string' ? problem.detail : `${rpc} answered ${status}`,
    });
    this.name = 'RpcError';
    this.rpc = rpc;
    this.problem = problem;
  }
}

/**
 * The kit's client of the sidecar, on the Dapr SDK (@dapr/dapr, over HTTP): service invocation,
 * publishing and state. Every call carries the current request's trace headers, has a deadline,
 * and turns "cannot reach" into a 503. See the README's "Dapr SDK notes" for what it wraps and why.
 */
export class DaprClient {
  private readonly options: DaprClientOptions;
  private readonly sdk: SdkClient;
  private readonly baseUrl: string;
  private readonly pubsubName: string;

  constructor(options: DaprClientOptions) {
    this.options = options;
    this.sdk = sdkClientFor(options.host, options.httpPort, options.logger, options.apiToken);
    this.baseUrl = `http://${options.host}:${options.httpPort}`;
    this.pubsubName = options.pubsubName ?? PUBSUB_NAME;
  }

  /** Calls an RPC of the design: validates the input before it leaves and the answer when it comes back. */
  async invoke<C extends RpcContract>(
    contract: C,
    input: { params?: z.input<C['params']>; body?: z.input<C['body']> },
    options: InvokeOptions = {},
  ): Promise<z.infer<C['response']>> {
    const params = contract.params.parse(input.params ?? {}) as Record<string, unknown>;
    const body = contract.body.parse(input.body) as object | undefined;
    const query = options.query?.size ? `?${options.query}` : '';
    const methodPath = `${pathOf(contract.path, params).slice(1)}${query}`;
    const headers = {
      // The SDK guesses a content type from the body (and takes an object with id, source, type
      // and specversion for a CloudEvent) unless told; it reads this exact spelling.
      ...(body !== undefined && { 'Content-Type': 'application/json' }),
      ...propagationHeaders(),
      ...options.headers,
    };
    const payload = await callSidecar(
      contract.name,
      options.timeoutMs ?? this.options.timeoutMs,
      () =>
        this.sdk.invoker.invoke(encodeURIComponent(contract.appId), methodPath, contract.method.toLowerCase() as HttpMethod, body, {
          headers,
        }),
      (answer) => rpcFailure(contract, answer),
    );
    // The SDK answers an empty body as ''.
    const parsed = contract.response.safeParse((payload as unknown) === '' ? undefined : payload);
    if (!parsed.success)
      throw new AppError(502, 'Bad Gateway', { detail: `${contract.name} answered an unexpected shape`, cause: parsed.error });
    return parsed.data as z.infer<C['response']>;
  }

  /**
   * Service invocation with no contract, for the gateway's pass-through. Returns the raw answer.
   * Plain HTTP (sidecar-http.ts): the SDK knows five methods and returns only the parsed body, no status or headers.
   */
  async invokeRaw(
    appId: string,
    method: string,
    path: string,
    options: InvokeOptions & { body?: string | Buffer | undefined } = {},
  ): Promise<Response> {
    const query = options.query?.size ? `?${options.query}` : '';
    const url = `${this.baseUrl}/v1.0/invoke/${encodeURIComponent(appId)}/method${path}${query}`;
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    const what = `${appId} ${method} ${path}`;
    try {
      return await requestSidecar(url, {
        method,
        headers: { ...propagationHeaders(), ...options.headers, ...this.tokenHeader() },
        body: options.body,
        timeoutMs,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw AppError.timeout(`${what}: no answer through the Dapr sidecar within ${timeoutMs} ms`, error);
      }
      throw AppError.unavailable(`${what}: the Dapr sidecar cannot be reached`, error);
    }
  }

  /** Publishes a message of the design after validating it against its topic's schema. */
  async publish<T extends Topic>(topic: T, message: MessageOf<T>): Promise<void> {
    const schema = MessageSchemas[topic] as z.ZodType;
    await this.publishUnchecked(topic, schema.parse(message), (message as { eventId?: string }).eventId);
  }

  /**
   * Publishes any JSON payload. The CloudEvent id is set to the event id when given, so the broker
   * copy of a message is recognisable as the same event downstream.
   */
  async publishUnchecked(topic: string, data: unknown, eventId?: string): Promise<void> {
    await inSpan(`publish ${topic}`, { kind: SpanKind.PRODUCER, attributes: messagingAttributes(topic, eventId) }, async () => {
      const { traceparent, tracestate } = currentTraceContext();
      const metadata = {
        ...(eventId && { 'cloudevent.id': eventId }),
        // The SDK's publish takes no headers: the trace goes on in the CloudEvent instead.
        ...(traceparent && { 'cloudevent.traceparent': traceparent }),
        ...(tracestate && { 'cloudevent.tracestate': tracestate }),
      };
      await callSidecar(
        `publish ${topic}`,
        this.options.timeoutMs,
        async () =>
          throwIfFailed(
            await this.sdk.pubsub.publish(this.pubsubName, encodeURIComponent(topic), data as object, {
              contentType: 'application/json',
              metadata,
            }),
          ),
        (answer) =>
          AppError.unavailable(`publishing to ${topic} failed: ${answer.status} ${JSON.stringify(answer.body ?? '').slice(0, 300)}`),
      );
    });
    countPublished(topic);
  }

  /** A Dapr state store of JSON values, with ETags and time-to-live. */
  stateStore<T>(storeName: string): StateStore<T> {
    return stateStoreOver<T>(this.sdk, storeName, this.options.timeoutMs);
  }

  /** What the sidecar reports of itself: its app id, components and subscriptions. */
  async metadata(): Promise<SidecarMetadata> {
    const metadata = await callSidecar(
      'sidecar metadata',
      this.options.timeoutMs,
      () => this.sdk.metadata.get(),
      (answer) => AppError.unavailable(`sidecar metadata: the Dapr sidecar answered ${answer.status}`),
    );
    return metadata as unknown as SidecarMetadata;
  }

  /**
   * The sidecar is up and its components are loaded (it does not need this app to be up).
   * A raw fetch: the SDK has no call for /v1.0/healthz/outbound (its isHealthy() reads /metadata).
   */
  async isOutboundHealthy(timeoutMs = 1000): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/v1.0/healthz/outbound`, { signal: AbortSignal.timeout(timeoutMs) });
      return response.status === 204 || response.ok;
    } catch {
      return false;
    }
  }

  private tokenHeader(): Record<string, string> {
    return this.options.apiToken ? { [DAPR_API_TOKEN_HEADER]: this.options.apiToken } : {};
  }
}

/** daprd's own failure means the callee is unavailable; anything else is the callee's answer. */
function rpcFailure(contract: RpcContract, answer: SidecarAnswer): AppError {
  if (isSidecarError(answer.body)) {
    return AppError.unavailable(
      `${contract.name}: ${contract.appId} is unavailable (${answer.body.errorCode}: ${answer.body.message ?? ''})`,
    );
  }
  return new RpcError(contract.name, answer.status, answer.body as Record<string, unknown> | undefined);
}

/** daprd's own failure (target app unreachable, circuit open, ...), as opposed to the app's answer. */
export function isSidecarError(payload: unknown): payload is { errorCode: string; message?: string } {
  return (
    typeof payload === 'object' &&
    payload !== null &&
    typeof (payload as { errorCode?: unknown }).errorCode === 'string' &&
    (payload as { errorCode: string }).errorCode.startsWith('ERR_')
  );
}

/** OpenTelemetry's messaging attributes of a message on a topic. */
export function messagingAttributes(topic: string, eventId: string | undefined) {
  return {
    'messaging.system': 'dapr',
    'messaging.destination.name': topic,
    ...(eventId && { 'messaging.message.id': eventId }),
  };
}
