import { migrate, type Pool } from '@pasar/postgres';
import type { Logger } from '@pasar/service-kit';

export const SIMULATOR_MIGRATIONS_DIRECTORY = new URL('./migrations/', import.meta.url);

/**
 * Creates the simulator's tables in the payment schema. They have a migration history of their own
 * (`provider_simulator_migrations`), so payment's migrations, which a deployment with a real
 * provider runs, never hold them.
 */
export async function migrateProviderSimulator(pool: Pool, logger: Logger): Promise<void> {
  await migrate(pool, { directory: SIMULATOR_MIGRATIONS_DIRECTORY, historyTable: 'provider_simulator_migrations', logger });
}
