import { stackValue } from './stack.ts';

/** Deletes every index of the stack's Elasticsearch whose name starts with `prefix`. */
export async function deleteElasticsearchIndices(prefix: string): Promise<void> {
  const url = stackValue('ELASTICSEARCH_URL');
  const indices = (await (await fetch(`${url}/_cat/indices/${prefix}*?format=json&h=index`)).json()) as Array<{ index: string }>;
  // Elasticsearch refuses wildcard deletes (action.destructive_requires_name): name each index.
  for (let i = 0; i < indices.length; i += 50) {
    const names = indices
      .slice(i, i + 50)
      .map((entry) => entry.index)
      .join(',');
    await fetch(`${url}/${names}`, { method: 'DELETE' });
  }
}
