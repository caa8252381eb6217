import { rm } from 'node:fs/promises';
import { AppId } from '@pasar/contracts';
import {
  aLoopbackClientAddress,
  fetchFrom,
  isolatedNameResolution,
  stackValue,
  startAppProcess,
  startAppWithSidecar,
  type AppProcess,
  type AppUnderTest,
} from '@pasar/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoService, type SeenRequest } from '../support/echo-service.ts';

/**
 * Two gateway replicas, each its real main.ts in a process of its own beside its own daprd, sharing
 * one Redis, in front of a stand-in product service.
 */
const LIMIT = 6;
const nameResolutionDb = isolatedNameResolution();
const seen: SeenRequest[] = [];
const replicas: AppProcess[] = [];
let product: AppUnderTest;

beforeAll(async () => {
  product = await startAppWithSidecar({ appId: AppId.product, broker: 'redis', nameResolutionDb, build: echoService(seen) });
  const env = { RATE_LIMIT_REDIS_URL: stackValue('RATE_LIMIT_REDIS_URL'), RATE_LIMIT_PER_MINUTE: String(LIMIT) };
  for (let i = 0; i < 2; i++) {
    replicas.push(
      await startAppProcess({ appId: AppId.gateway, broker: 'redis', entry: 'services/gateway/src/main.ts', env, nameResolutionDb }),
    );
  }
});

afterAll(async () => {
  await Promise.all(replicas.map((replica) => replica.stop()));
  await product?.stop();
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${nameResolutionDb}${suffix}`, { force: true })));
});

const replica = (i: number) => replicas[i % replicas.length]!.appUrl;

describe('the per-client limit holds across gateway replicas', () => {
  it('when one client calls both replicas in turn, then together they let through exactly the limit, then answer 429 with Retry-After', async () => {
    const client = aLoopbackClientAddress();
    const answers: Response[] = [];

    for (let i = 0; i < LIMIT + 4; i++) answers.push(await fetchFrom(client, `${replica(i)}/api/products/p-${i}`));

    expect(answers.map((a) => a.status)).toEqual([...Array(LIMIT).fill(200), ...Array(4).fill(429)]);
    for (const refused of answers.slice(LIMIT)) {
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    expect(answers[0]!.headers.get('ratelimit')).toMatch(new RegExp(`^"api"; r=${LIMIT - 1}; t=\\d+$`));
    expect(answers[LIMIT - 1]!.headers.get('ratelimit')).toMatch(/^"api"; r=0; t=\d+$/);
  });

  it('when one client sends many requests to both replicas at once, then still exactly the limit gets through', async () => {
    const client = aLoopbackClientAddress();

    const answers = await Promise.all(
      Array.from({ length: 3 * LIMIT }, (_, i) => fetchFrom(client, `${replica(i)}/api/products/burst-${i}`)),
    );

    expect(answers.filter((a) => a.status === 200)).toHaveLength(LIMIT);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(2 * LIMIT);
  });

  it('when one client has used up its limit, then another client still gets through either replica', async () => {
    const [greedy, other] = [aLoopbackClientAddress(), aLoopbackClientAddress()];
    for (let i = 0; i <= LIMIT; i++) await fetchFrom(greedy, `${replica(i)}/api/products/greedy-${i}`);

    const answers = [await fetchFrom(other, `${replica(0)}/api/products/x`), await fetchFrom(other, `${replica(1)}/api/products/y`)];

    expect(answers.map((a) => a.status)).toEqual([200, 200]);
  });
});
