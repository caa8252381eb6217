/** InfluxQL at /query, for what the v2 API of InfluxDB 1.8 cannot do (databases) or to look underneath. */
export async function influxQl(url: string, statement: string, database?: string): Promise<unknown[][]> {
  const body = new URLSearchParams({ q: statement, ...(database && { db: database }) });
  const response = await fetch(new URL('/query', url), { method: 'POST', body, signal: AbortSignal.timeout(5000) });
  const answer = (await response.json()) as { results?: Array<{ error?: string; series?: Array<{ values?: unknown[][] }> }> };
  const result = answer.results?.[0];
  if (!response.ok || result?.error) throw new Error(`InfluxQL ${statement} failed: ${result?.error ?? response.status}`);
  return result?.series?.flatMap((series) => series.values ?? []) ?? [];
}
