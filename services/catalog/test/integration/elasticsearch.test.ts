import { randomUUID } from 'node:crypto';
import { stackValue } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createElasticsearchClient, pingElasticsearch } from '../../src/data-access/elasticsearch.ts';

const client = createElasticsearchClient(stackValue('ELASTICSEARCH_URL'));
const index = `smoke-${randomUUID()}`;
afterAll(async () => {
  await client.indices.delete({ index, ignore_unavailable: true });
  await client.close();
});

describe('Elasticsearch through @elastic/elasticsearch', () => {
  it('answers the readiness ping, passing the client product check', async () => {
    await expect(pingElasticsearch(client)).resolves.toBeUndefined();
    // Not client.info(): GET / comes from the rest-root module, which the integ-test distribution lacks.
    const { nodes } = await client.nodes.info({ node_id: '_local', metric: ['plugins'] });
    const node = Object.values(nodes)[0];
    expect(node?.version).toMatch(/^8\./);
    expect(node?.modules?.map((m) => m.name)).toContain('x-pack-core');
  });

  it('indexes a document and finds it by full-text search', async () => {
    await client.indices.create({ index, mappings: { properties: { name: { type: 'text' }, sku: { type: 'keyword' } } } });
    await client.index({ index, id: '1', document: { name: 'Kopi Gayo arabika', sku: 'KOPI-1' }, refresh: 'wait_for' });

    const result = await client.search<{ sku: string }>({ index, query: { match: { name: { query: 'kopi gayo', fuzziness: 'AUTO' } } } });

    expect(result.hits.hits.map((h) => h._source?.sku)).toEqual(['KOPI-1']);
  });
});
