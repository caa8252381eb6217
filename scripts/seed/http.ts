// The seed's HTTP client: JSON in and out, and patient with a system that is still warming up
// (a 429, 502, 503, 504 or a refused connection is tried again, with backoff).

export interface Answer<T = any> {
  status: number;
  body: T;
}

const RETRIED = new Set([429, 502, 503, 504]);
const ATTEMPTS = 8;

export async function call<T = any>(
  method: string,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, {
        method,
        headers: { ...(options.body !== undefined && { 'content-type': 'application/json' }), ...options.headers },
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      const answer = { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
      if (!RETRIED.has(response.status) || attempt === ATTEMPTS) return answer;
      await pause(attempt, response.headers.get('retry-after'));
    } catch (error) {
      if (attempt === ATTEMPTS) throw new Error(`${method} ${url}: ${(error as Error).message}`, { cause: error });
      await pause(attempt, null);
    }
  }
}

/** The answer's body when its status is one of `expected`; anything else stops the seed, saying what the system answered. */
export async function expectStatus<T = any>(answer: Promise<Answer<T>>, expected: number[], what: string): Promise<Answer<T>> {
  const settled = await answer;
  if (!expected.includes(settled.status))
    throw new Error(`${what}: answered ${settled.status} ${JSON.stringify(settled.body).slice(0, 500)}`);
  return settled;
}

function pause(attempt: number, retryAfter: string | null): Promise<void> {
  const ms = retryAfter ? Number(retryAfter) * 1000 : Math.min(250 * 2 ** attempt, 5000);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
