import { createScratchSchema, type ScratchSchema } from '@pasar/testing';
import { randomUUID } from 'node:crypto';
import type { AddressRequest } from '@pasar/contracts';
import { createPool, type Pool } from '@pasar/postgres';
import { AppError } from '@pasar/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIRECTORY } from '../../src/data-access/db.ts';
import { createAddressesRepository } from '../../src/data-access/addresses-repository.ts';
import { createCustomersRepository, type NewCustomer } from '../../src/data-access/customers-repository.ts';

/** The repositories against real PostgreSQL, as a role owning a fresh schema like the service's own. */
let scratch: ScratchSchema;
let pool: Pool;
let customers: ReturnType<typeof createCustomersRepository>;
let addresses: ReturnType<typeof createAddressesRepository>;

beforeAll(async () => {
  scratch = await createScratchSchema('customer_repo_test', { migrationsDirectory: MIGRATIONS_DIRECTORY });
  pool = scratch.pool;
  customers = createCustomersRepository(pool);
  addresses = createAddressesRepository(pool);
});

afterAll(() => scratch?.drop());

const newCustomer = (overrides: Partial<NewCustomer> = {}): NewCustomer => ({
  email: `siti-${randomUUID().slice(0, 8)}@example.test`,
  name: 'Siti Rahma',
  locale: 'id',
  passwordHash: '$scrypt$not-checked-here',
  ...overrides,
});

const address = (overrides: Partial<AddressRequest> = {}): AddressRequest => ({
  recipient: 'Siti Rahma',
  line1: 'Jl. Merdeka 1',
  city: 'Bandung',
  postalCode: '40111',
  country: 'ID',
  isDefault: false,
  ...overrides,
});

describe('the customers repository', () => {
  it('when a customer is inserted, then it comes back with an id and timestamps and without the hash', async () => {
    const customer = await customers.insert(newCustomer({ name: 'Budi', locale: 'en' }));

    expect(customer).toMatchObject({ id: expect.any(String), name: 'Budi', locale: 'en', createdAt: expect.any(String) });
    expect(customer).not.toHaveProperty('passwordHash');
    expect(await customers.findById(customer!.id)).toEqual(customer);
  });

  it('when the email is taken in another case, then nothing is inserted', async () => {
    const first = newCustomer({ email: `Dewi-${randomUUID().slice(0, 8)}@Example.test` });
    await customers.insert(first);

    expect(await customers.insert(newCustomer({ email: first.email.toLowerCase() }))).toBeUndefined();
    expect(await customers.insert(newCustomer({ email: first.email.toUpperCase() }))).toBeUndefined();
  });

  it('when the same email registers twice at the same moment, then exactly one insert wins', async () => {
    const email = `race-${randomUUID().slice(0, 8)}@example.test`;

    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => customers.insert(newCustomer({ email: i % 2 ? email.toUpperCase() : email }))),
    );

    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('finds credentials by email whatever its case', async () => {
    const created = await customers.insert(
      newCustomer({ email: `Agus-${randomUUID().slice(0, 8)}@example.test`, passwordHash: 'the-hash' }),
    );

    expect(await customers.findCredentialsByEmail(created!.email.toUpperCase())).toEqual({
      customerId: created!.id,
      passwordHash: 'the-hash',
    });
    expect(await customers.findCredentialsByEmail('nobody@example.test')).toBeUndefined();
  });

  it('when only the locale changes, then the name stays and updatedAt moves', async () => {
    const created = await customers.insert(newCustomer({ name: 'Rina' }));

    const updated = await customers.update(created!.id, { locale: 'en' });

    expect(updated).toMatchObject({ name: 'Rina', locale: 'en' });
    expect(Date.parse(updated!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created!.updatedAt));
    expect(await customers.update(randomUUID(), { name: 'Ghost' })).toBeUndefined();
  });
});

describe('the addresses repository', () => {
  it('when an address is added, then optional fields left out stay out', async () => {
    const customer = await customers.insert(newCustomer());

    const saved = await addresses.add(customer!.id, address({ phone: '+62 812 0000' }));

    expect(saved).toEqual({
      id: expect.any(String),
      recipient: 'Siti Rahma',
      line1: 'Jl. Merdeka 1',
      city: 'Bandung',
      postalCode: '40111',
      country: 'ID',
      phone: '+62 812 0000',
      isDefault: false,
    });
    expect(await addresses.list(customer!.id)).toEqual([saved]);
  });

  it('when another address is marked default, then the previous default is unmarked', async () => {
    const { id } = (await customers.insert(newCustomer()))!;
    const home = await addresses.add(id, address({ line1: 'Home', isDefault: true }));
    const office = await addresses.add(id, address({ line1: 'Office', isDefault: true }));

    const list = await addresses.list(id);

    expect(list.map((a) => [a.id, a.isDefault])).toEqual([
      [office!.id, true],
      [home!.id, false],
    ]);
    expect(await addresses.findDefault(id)).toMatchObject({ line1: 'Office' });
  });

  it('when many default addresses are added at the same moment, then all are saved and exactly one is the default', async () => {
    const { id } = (await customers.insert(newCustomer()))!;

    await Promise.all(Array.from({ length: 6 }, (_, i) => addresses.add(id, address({ line1: `Jl. ${i}`, isDefault: true }))));

    const list = await addresses.list(id);
    expect(list).toHaveLength(6);
    expect(list.filter((a) => a.isDefault)).toHaveLength(1);
  });

  it("when an address that is not the customer's is replaced or removed, then nothing changes", async () => {
    const owner = (await customers.insert(newCustomer()))!;
    const intruder = (await customers.insert(newCustomer()))!;
    const home = (await addresses.add(owner.id, address({ isDefault: true })))!;
    await addresses.add(intruder.id, address({ isDefault: true }));

    expect(await addresses.replace(intruder.id, home.id, address({ city: 'Hijacked', isDefault: true }))).toBeUndefined();
    expect(await addresses.remove(intruder.id, home.id)).toBe(false);

    expect(await addresses.list(owner.id)).toEqual([home]);
    expect(await addresses.findDefault(intruder.id)).toBeDefined();
  });

  it('when an address is replaced, then every field is the new one', async () => {
    const { id } = (await customers.insert(newCustomer()))!;
    const saved = (await addresses.add(id, address({ line2: 'Blok A', province: 'Jawa Barat' })))!;

    const replaced = await addresses.replace(id, saved.id, address({ city: 'Jakarta', postalCode: '10110', isDefault: true }));

    expect(replaced).toEqual({
      id: saved.id,
      recipient: 'Siti Rahma',
      line1: 'Jl. Merdeka 1',
      city: 'Jakarta',
      postalCode: '10110',
      country: 'ID',
      isDefault: true,
    });
  });

  it('when the customer does not exist, then adding an address answers undefined', async () => {
    expect(await addresses.add(randomUUID(), address())).toBeUndefined();
  });

  it('when an address is removed, then it is gone', async () => {
    const { id } = (await customers.insert(newCustomer()))!;
    const saved = (await addresses.add(id, address({ isDefault: true })))!;

    expect(await addresses.remove(id, saved.id)).toBe(true);

    expect(await addresses.list(id)).toEqual([]);
    expect(await addresses.findDefault(id)).toBeUndefined();
  });
});

describe("the service's role", () => {
  it('works in its own schema', async () => {
    const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema');

    expect(rows[0]?.schema).toBe(scratch.name);
  });

  it("cannot read or create anything in another service's schema", async () => {
    await expect(pool.query('select * from customer.customers')).rejects.toMatchObject({ code: '42501' });
    await expect(pool.query('create table ordering.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
    await expect(pool.query('create table public.sneaky (id int)')).rejects.toMatchObject({ code: '42501' });
  });
});

describe('when the database cannot be reached', () => {
  it('then the repositories fail quickly with a 503', async () => {
    const unreachable = createPool('postgres://x:y@127.0.0.1:1/pasar', 'unreachable');
    const started = Date.now();
    try {
      const reading = await createCustomersRepository(unreachable)
        .findById(randomUUID())
        .catch((e: unknown) => e);
      const writing = await createAddressesRepository(unreachable)
        .add(randomUUID(), address())
        .catch((e: unknown) => e);

      for (const error of [reading, writing]) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(503);
      }
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await unreachable.end();
    }
  });
});
