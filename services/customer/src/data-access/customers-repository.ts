import type { CustomerAccount, Locale, StaffRole } from '@pasar/contracts';
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
  /** A member of staff's role; none for a customer. */
  staffRole?: StaffRole;
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
      const rows = await query<{ id: string; password_hash: string; staff_role: StaffRole | null }>(
        pool,
        'select id, password_hash, staff_role from customers where lower(email) = lower($1)',
        [email],
      );
      const row = rows[0];
      return row && { customerId: row.id, passwordHash: row.password_hash, ...(row.staff_role && { staffRole: row.staff_role }) };
    },

    /** Gives the account with this email a staff role; false when there is no such account. */
    async grantStaffRole(email: string, role: StaffRole): Promise<boolean> {
      const rows = await query(
        pool,
        'update customers set staff_role = $2, updated_at = now() where lower(email) = lower($1) returning id',
        [email, role],
      );
      return rows.length > 0;
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
