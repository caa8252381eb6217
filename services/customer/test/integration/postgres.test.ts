import { createPool, pingPostgres } from '@pasar/postgres';
import { stackValue } from '@pasar/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';

/** The service's own role, as configured by default, in the test dataset's database. */
function customerRoleUrl(): string {
  const url = new URL(Config.parse({ APP_PORT: '0' }).DATABASE_URL);
  const stack = new URL(stackValue('POSTGRES_ADMIN_URL'));
  url.host = stack.host;
  url.pathname = stack.pathname;
  return url.toString();
}

const pool = createPool(customerRoleUrl(), 'customer-test');
afterAll(() => pool.end());

describe('PostgreSQL through pg, as the customer role', () => {
  it('answers the readiness ping', async () => {
    await expect(pingPostgres(pool)).resolves.toBeUndefined();
  });

  it('works in its own schema by default', async () => {
    const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema');

    expect(rows[0]?.schema).toBe('customer');
  });

  it("cannot read or create anything in another service's schema", async () => {
    await expect(pool.query('create table ordering.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(pool.query('create table public.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
  });
});
