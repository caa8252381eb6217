import type { CustomerAccount, Locale } from '@pasar/contracts';
import type { Pool } from '@pasar/postgres';
import { query } from './db.ts';

export interface NewCustomer {
  email: string;
  name: string;
  locale: Locale;
  passwordHash: string;
}

export interface Credentials {
  customerId: string;
  passwordHash: string;
}

interface CustomerRow {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  created_at: Date;
  updated_at: Date;
}

const ACCOUNT_COLUMNS = 'id, email, name, locale, created_at, updated_at';

export type CustomersRepository = ReturnType<typeof createCustomersRepository>;

export function createCustomersRepository(pool: Pool) {
  return {
    /** Undefined when the email is taken already, whatever its case. */
    async insert(customer: NewCustomer): Promise<CustomerAccount | undefined> {
      const rows = await query<CustomerRow>(
        pool,
        `
        insert into customers (email, name, locale, password_hash) values ($1, $2, $3, $4)
        on conflict (lower(email)) do nothing
        returning ${ACCOUNT_COLUMNS}`,
        [customer.email, customer.name, customer.locale, customer.passwordHash],
      );
      return rows[0] && accountOf(rows[0]);
    },

    async findById(customerId: string): Promise<CustomerAccount | undefined> {
      const rows = await query<CustomerRow>(pool, `select ${ACCOUNT_COLUMNS} from customers where id = $1`, [customerId]);
      return rows[0] && accountOf(rows[0]);
    },

    async findCredentialsByEmail(email: string): Promise<Credentials | undefined> {
      const rows = await query<{ id: string; password_hash: string }>(
        pool,
        'select id, password_hash from customers where lower(email) = lower($1)',
        [email],
      );
      return rows[0] && { customerId: rows[0].id, passwordHash: rows[0].password_hash };
    },

    /** Changes the given fields only; undefined when there is no such customer. */
    async update(
      customerId: string,
      changes: { name?: string | undefined; locale?: Locale | undefined },
    ): Promise<CustomerAccount | undefined> {
      const rows = await query<CustomerRow>(
        pool,
        `
        update customers set name = coalesce($2, name), locale = coalesce($3, locale), updated_at = now()
        where id = $1
        returning ${ACCOUNT_COLUMNS}`,
        [customerId, changes.name ?? null, changes.locale ?? null],
      );
      return rows[0] && accountOf(rows[0]);
    },
  };
}

function accountOf(row: CustomerRow): CustomerAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    locale: row.locale,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
