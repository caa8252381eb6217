import { Client, errors, SniffingTransport } from '@elastic/elasticsearch';
import type { DataStore } from '@pasar/service-kit';

export function createElasticsearchClient(url: string, requestTimeoutMs = 3000): Client {
  return new Client({ node: url, requestTimeout: requestTimeoutMs, maxRetries: 1, Transport: QuickRetryTransport });
}

/**
 * One quick retry: the transport's default backoff waits 1-2 s before it, which would turn
 * "Elasticsearch is down" into a slow 503 instead of a fast one. (The client does not pass this
 * option on to its transport, hence the subclass.)
 */
class QuickRetryTransport extends SniffingTransport {
  constructor(options: ConstructorParameters<typeof SniffingTransport>[0]) {
    super({ ...options, retryBackoff: () => 0.05 });
  }
}

/** Ready when the cluster answers and is at least yellow (every primary shard allocated). */
export async function pingElasticsearch(client: Client): Promise<void> {
  const health = await client.cluster.health({ timeout: '1s' }, { requestTimeout: 2000 });
  if (health.status === 'red') throw new Error('cluster health is red');
}

/** For the kit's store-outage helper (callStore): cannot reach it, timed out, or overloaded. */
export const ELASTICSEARCH: DataStore = { name: 'Elasticsearch', isOutage: isUnavailable };

function isUnavailable(error: unknown): boolean {
  if (error instanceof errors.ConnectionError || error instanceof errors.TimeoutError || error instanceof errors.NoLivingConnectionsError)
    return true;
  if (error instanceof errors.RequestAbortedError) return true;
  return error instanceof errors.ResponseError && [429, 502, 503, 504].includes(error.statusCode ?? 0);
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof errors.ResponseError ? error.statusCode : undefined;
}

/** The error type Elasticsearch reported (`version_conflict_engine_exception`, ...). */
export function errorTypeOf(error: unknown): string | undefined {
  if (!(error instanceof errors.ResponseError)) return undefined;
  const body = error.body as { error?: { type?: string } } | undefined;
  return body?.error?.type;
}
