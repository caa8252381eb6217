import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DevelopmentSecret } from '@pasar/contracts';
import { BaseConfig, ConfigError, developmentSecretsInUse, loadConfig } from '../src/config.ts';

const Schema = BaseConfig.extend({ DATABASE_URL: z.string().startsWith('postgres') });

describe('loadConfig', () => {
  it('when every variable is valid, then it returns typed values with defaults filled in', () => {
    const config = loadConfig(Schema, { APP_PORT: '3001', DATABASE_URL: 'postgres://x@y/z' });

    expect(config).toMatchObject({ APP_PORT: 3001, DAPR_HTTP_PORT: 3500, LOG_LEVEL: 'info', DATABASE_URL: 'postgres://x@y/z' });
  });

  it('when several variables are bad, then it reports every one of them at once', () => {
    const error = catchError(() => loadConfig(Schema, { APP_PORT: 'eighty', LOG_LEVEL: 'loud' }));

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('APP_PORT:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('(not set)');
  });

  it('when a port is out of range, then it is refused', () => {
    expect(() => loadConfig(Schema, { APP_PORT: '70000', DATABASE_URL: 'postgres://a' })).toThrow(/APP_PORT/);
  });
});

describe('developmentSecretsInUse', () => {
  it('when a secret is unset, empty or a development value, then it is named', () => {
    const env = { JWT_SECRET: DevelopmentSecret.jwt, PROVIDER_WEBHOOK_SECRET: '', SMTP_PASSWORD: 'a-real-one' };

    expect(developmentSecretsInUse(['JWT_SECRET', 'PROVIDER_WEBHOOK_SECRET', 'DATABASE_URL', 'SMTP_PASSWORD'], env)).toEqual([
      'JWT_SECRET',
      'PROVIDER_WEBHOOK_SECRET',
      'DATABASE_URL',
    ]);
  });

  it('when DEVELOPMENT_MODE is not set, then it is off', () => {
    expect(loadConfig(BaseConfig, { APP_PORT: '1' }).DEVELOPMENT_MODE).toBe(false);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
