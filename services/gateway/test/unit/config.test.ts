import type { ConfigError } from '@pasar/service-kit';
import { loadConfig } from '@pasar/service-kit';
import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(Config, { APP_PORT: '0', ...env });
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};

describe('the gateway settings of its limits', () => {
  it.each(['', '1', 'loopback', 'loopback, 10.0.0.0/8, fd00::/8'])('when TRUST_PROXY is %j, then it is taken', (value) => {
    expect(problemsOf({ TRUST_PROXY: value })).toEqual([]);
  });

  it('when TRUST_PROXY is true or a typo, then start-up names it (trusting every hop would let any client choose its address)', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
    expect(problemsOf({ TRUST_PROXY: 'lo0pback' })).toEqual([expect.stringMatching(/^TRUST_PROXY: /)]);
  });

  it('when a limit is zero or the counters are not a Redis URL, then start-up names each', () => {
    const problems = problemsOf({ LOGIN_FAILURES_PER_ACCOUNT: '0', RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' });

    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['LOGIN_FAILURES_PER_ACCOUNT', 'RATE_LIMIT_REDIS_URL']);
  });
});
