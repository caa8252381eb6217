import type { Address, AddressRequest, SavedAddress } from '@pasar/contracts';
import type { Pool, PoolClient } from '@pasar/postgres';
import { inTransaction, query } from './db.ts';

interface AddressRow {
  id: string;
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  province: string | null;
  postal_code: string;
  country: string;
  phone: string | null;
  is_default: boolean;
}

const COLUMNS = 'id, recipient, line1, line2, city, province, postal_code, country, phone, is_default';

export type AddressesRepository = ReturnType<typeof createAddressesRepository>;

/**
 * Writes lock the customer's row first, so two requests marking different addresses as the
 * default one at the same moment queue up instead of colliding on the one-default index.
 */
export function createAddressesRepository(pool: Pool) {
  return {
    async list(customerId: string): Promise<SavedAddress[]> {
      const rows = await query<AddressRow>(
        pool,
        `
        select ${COLUMNS} from addresses where customer_id = $1
        order by is_default desc, created_at, id`,
        [customerId],
      );
      return rows.map(savedAddressOf);
    },

    async findDefault(customerId: string): Promise<Address | undefined> {
      const rows = await query<AddressRow>(pool, `select ${COLUMNS} from addresses where customer_id = $1 and is_default`, [customerId]);
      return rows[0] && addressOf(rows[0]);
    },

    /** Undefined when there is no such customer. */
    add(customerId: string, address: AddressRequest): Promise<SavedAddress | undefined> {
      return inTransaction(pool, async (client) => {
        if (!(await lockCustomer(client, customerId))) return undefined;
        if (address.isDefault) await clearDefault(client, customerId);
        const rows = await query<AddressRow>(
          client,
          `
          insert into addresses (customer_id, recipient, line1, line2, city, province, postal_code, country, phone, is_default)
          values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          returning ${COLUMNS}`,
          [customerId, ...columnValuesOf(address)],
        );
        return rows[0] && savedAddressOf(rows[0]);
      });
    },

    /** Undefined when the customer has no such address. */
    replace(customerId: string, addressId: string, address: AddressRequest): Promise<SavedAddress | undefined> {
      return inTransaction(pool, async (client) => {
        if (!(await lockCustomer(client, customerId)) || !(await hasAddress(client, customerId, addressId))) return undefined;
        if (address.isDefault) await clearDefault(client, customerId);
        const rows = await query<AddressRow>(
          client,
          `
          update addresses set recipient = $3, line1 = $4, line2 = $5, city = $6, province = $7, postal_code = $8,
            country = $9, phone = $10, is_default = $11, updated_at = now()
          where customer_id = $1 and id = $2
          returning ${COLUMNS}`,
          [customerId, addressId, ...columnValuesOf(address)],
        );
        return rows[0] && savedAddressOf(rows[0]);
      });
    },

    /** False when the customer has no such address. */
    async remove(customerId: string, addressId: string): Promise<boolean> {
      const rows = await query(pool, 'delete from addresses where customer_id = $1 and id = $2 returning id', [customerId, addressId]);
      return rows.length > 0;
    },
  };
}

async function lockCustomer(client: PoolClient, customerId: string): Promise<boolean> {
  const rows = await query(client, 'select id from customers where id = $1 for update', [customerId]);
  return rows.length > 0;
}

async function hasAddress(client: PoolClient, customerId: string, addressId: string): Promise<boolean> {
  const rows = await query(client, 'select id from addresses where customer_id = $1 and id = $2', [customerId, addressId]);
  return rows.length > 0;
}

async function clearDefault(client: PoolClient, customerId: string): Promise<void> {
  await query(client, 'update addresses set is_default = false, updated_at = now() where customer_id = $1 and is_default', [customerId]);
}

function columnValuesOf(address: AddressRequest): unknown[] {
  return [
    address.recipient,
    address.line1,
    address.line2 ?? null,
    address.city,
    address.province ?? null,
    address.postalCode,
    address.country,
    address.phone ?? null,
    address.isDefault,
  ];
}

function addressOf(row: AddressRow): Address {
  return {
    recipient: row.recipient,
    line1: row.line1,
    ...(row.line2 !== null && { line2: row.line2 }),
    city: row.city,
    ...(row.province !== null && { province: row.province }),
    postalCode: row.postal_code,
    country: row.country,
    ...(row.phone !== null && { phone: row.phone }),
  };
}

function savedAddressOf(row: AddressRow): SavedAddress {
  return { id: row.id, ...addressOf(row), isDefault: row.is_default };
}
