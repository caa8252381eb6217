import { CommunicationProtocolEnum, DaprClient as SdkClient, LogLevel, type LoggerOptions } from '@dapr/dapr';
import type { Logger } from 'pino';
import { withDeadline } from './deadline.ts';
import { AppError } from './errors.ts';

/** The one place the kit meets @dapr/dapr: building its client and turning its failures into AppErrors. */

/** A client of the sidecar at host:port, over HTTP, that never waits for the sidecar by itself. */
export function sdkClientFor(host: string, httpPort: number, logger?: Logger, apiToken?: string): SdkClient {
  const client = new SdkClient({
    ...(apiToken && { daprApiToken: apiToken }),
    daprHost: host,
    daprPort: String(httpPort),
    communicationProtocol: CommunicationProtocolEnum.HTTP,
    logger: sdkLogging(logger),
  });
  // Otherwise its first call would poll the sidecar's /v1.0/metadata for up to 30 s before
  // trying: a missing sidecar must be a 503 at once, and each call has its own deadline.
  client.daprClient.setIsInitialized(true);
  return client;
}

/** The SDK logs every failure it returns (at error, on the console): the kit reports them itself, so its lines go to debug. */
function sdkLogging(logger: Logger | undefined): LoggerOptions {
  const debug = (message: unknown) => logger?.debug({ component: 'dapr-sdk' }, String(message));
  return {
    level: logger?.isLevelEnabled('debug') ? LogLevel.Debug : LogLevel.Error,
    service: { error: debug, warn: debug, info: debug, verbose: debug, debug },
  };
}

/** What daprd answered to a call the SDK reports as failed. */
export interface SidecarAnswer {
  status: number;
  /** The body as JSON when it is JSON, `{ detail }` when it is text, undefined when empty. */
  body: unknown;
}

/**
 * The SDK reports a non-2xx answer as an Error whose message is JSON: `{ error, error_msg, status }`,
 * error_msg being the body as text. Undefined for any other error (no answer came: network, timeout).
 */
export function sidecarAnswerOf(error: unknown): SidecarAnswer | undefined {
  if (!(error instanceof Error)) return undefined;
  const reported = parseJson(error.message) as { status?: unknown; error_msg?: unknown } | undefined;
  if (typeof reported?.status !== 'number') return undefined;
  const text = typeof reported.error_msg === 'string' ? reported.error_msg : '';
  return { status: reported.status, body: text ? (parseJson(text) ?? { detail: text.slice(0, 300) }) : undefined };
}

/**
 * One call through the SDK, within its deadline (504 after it) and with "the sidecar cannot be
 * reached" as a 503. `onAnswer` says what a non-2xx answer means for this call.
 */
export async function callSidecar<T>(
  what: string,
  timeoutMs: number,
  call: () => Promise<T>,
  onAnswer: (answer: SidecarAnswer) => AppError,
): Promise<T> {
  try {
    return await withDeadline(call(), timeoutMs, () =>
      AppError.timeout(`${what}: no answer through the Dapr sidecar within ${timeoutMs} ms`),
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    const answer = sidecarAnswerOf(error);
    throw answer ? onAnswer(answer) : AppError.unavailable(`${what}: the Dapr sidecar cannot be reached`, error);
  }
}

/** Several SDK calls (publish, state save and delete) return their failure instead of throwing it. */
export function throwIfFailed(result: { error?: unknown }): void {
  if (result.error) throw result.error;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
