import { MessageSchemas, PUBSUB_NAME, pathOf, type MessageOf, type RpcContract, type Topic } from '@pasar/contracts';
import type { z } from 'zod';
import { AppError } from './errors.ts';
import { propagationHeaders } from './request-context.ts';

export interface DaprClientOptions {
  host: string;
  httpPort: number;
  /** Upper bound for one outbound call; Dapr resiliency retries happen inside it. */
  timeoutMs: number;
  pubsubName?: string;
}

export interface InvokeOptions {
  headers?: Record<string, string>;
  query?: URLSearchParams;
  timeoutMs?: number;
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
 * A thin client of the sidecar's HTTP API: service invocation and publishing. Every call carries
 * the current request's trace headers, has a deadline, and turns "cannot reach" into a 503.
 */
export class DaprClient {
  private readonly options: DaprClientOptions;
  private readonly baseUrl: string;
  private readonly pubsubName: string;

  constructor(options: DaprClientOptions) {
    this.options = options;
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
    const body = contract.body.parse(input.body);
    const response = await this.invokeRaw(contract.appId, contract.method, pathOf(contract.path, params), {
      ...options,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
    });
    const payload = await readJson(response);
    if (isSidecarError(payload)) {
      throw AppError.unavailable(`${contract.name}: ${contract.appId} is unavailable (${payload.errorCode}: ${payload.message ?? ''})`);
    }
    if (!response.ok) throw new RpcError(contract.name, response.status, payload as Record<string, unknown> | undefined);
    const parsed = contract.response.safeParse(payload);
    if (!parsed.success) throw new AppError(502, 'Bad Gateway', { detail: `${contract.name} answered an unexpected shape`, cause: parsed.error });
    return parsed.data as z.infer<C['response']>;
  }

  /** Service invocation with no contract, for the gateway's pass-through. Returns the raw answer. */
  async invokeRaw(
    appId: string,
    method: string,
    path: string,
    options: InvokeOptions & { body?: string | Buffer | undefined } = {},
  ): Promise<Response> {
    const query = options.query?.size ? `?${options.query}` : '';
    const url = `${this.baseUrl}/v1.0/invoke/${encodeURIComponent(appId)}/method${path}${query}`;
    return this.send(`${appId} ${method} ${path}`, url, {
      method,
      headers: { ...propagationHeaders(), ...options.headers },
      ...(options.body !== undefined && { body: options.body }),
    }, options.timeoutMs);
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
    const query = eventId ? `?metadata.cloudevent.id=${encodeURIComponent(eventId)}` : '';
    const url = `${this.baseUrl}/v1.0/publish/${encodeURIComponent(this.pubsubName)}/${encodeURIComponent(topic)}${query}`;
    const response = await this.send(`publish ${topic}`, url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...propagationHeaders() },
      body: JSON.stringify(data),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw AppError.unavailable(`publishing to ${topic} failed: ${response.status} ${text.slice(0, 300)}`);
    }
  }

  /** The sidecar is up and its components are loaded (it does not need this app to be up). */
  async isOutboundHealthy(timeoutMs = 1000): Promise<boolean> {
    try {
      const response = await fetch(`${this.baseUrl}/v1.0/healthz/outbound`, { signal: AbortSignal.timeout(timeoutMs) });
      return response.status === 204 || response.ok;
    } catch {
      return false;
    }
  }

  private async send(what: string, url: string, init: RequestInit, timeoutMs = this.options.timeoutMs): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw AppError.timeout(`${what}: no answer through the Dapr sidecar within ${timeoutMs} ms`, error);
      }
      throw AppError.unavailable(`${what}: the Dapr sidecar cannot be reached`, error);
    }
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text.slice(0, 300) };
  }
}

/** daprd's own failure (target app unreachable, circuit open, ...), as opposed to the app's answer. */
export function isSidecarError(payload: unknown): payload is { errorCode: string; message?: string } {
  return typeof payload === 'object' && payload !== null && typeof (payload as { errorCode?: unknown }).errorCode === 'string'
    && (payload as { errorCode: string }).errorCode.startsWith('ERR_');
}
