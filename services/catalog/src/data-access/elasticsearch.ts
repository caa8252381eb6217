import { Client } from '@elastic/elasticsearch';

export function createElasticsearchClient(url: string): Client {
  return new Client({ node: url, requestTimeout: 5000, maxRetries: 1 });
}

/** Ready when the cluster answers and is at least yellow (every primary shard allocated). */
export async function pingElasticsearch(client: Client): Promise<void> {
  const health = await client.cluster.health({ timeout: '1s' }, { requestTimeout: 2000 });
  if (health.status === 'red') throw new Error('cluster health is red');
}
