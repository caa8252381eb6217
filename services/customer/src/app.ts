import { pingPostgres, startServiceOutboxRelay } from '@pasar/postgres';
import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import express from 'express';
import type { Config } from './config.ts';
import { createAddressesRepository } from './data-access/addresses-repository.ts';
import { createCustomersRepository } from './data-access/customers-repository.ts';
import { openDatabase } from './data-access/db.ts';
import { createOutboxWriter } from './data-access/outbox.ts';
import { createAddressBook } from './domain/addresses.ts';
import { createLogin, createLoginAnnouncer } from './domain/login.ts';
import { createPasswordHasher } from './domain/passwords.ts';
import { createProfiles } from './domain/profile.ts';
import { createRegistration } from './domain/register.ts';
import { createStaffAccounts } from './domain/staff.ts';
import { createTokenIssuer } from './domain/tokens.ts';
import { customerApi } from './routes/api-description.ts';
import { customerRoutes } from './routes/customers.ts';
import { internalRoutes } from './routes/internal.ts';
import { meRoutes } from './routes/me.ts';

/** Migrates the schema (unless told not to), then wires the routes; the pool closes on shutdown. */
export const buildService: BuildService<Config> = async (config, { logger, dapr }) => {
  const pool = await openDatabase({ url: config.DATABASE_URL, migrate: config.MIGRATE_ON_START, logger });

  const customers = createCustomersRepository(pool);
  const addresses = createAddressesRepository(pool);
  const passwords = createPasswordHasher({ log2N: config.PASSWORD_SCRYPT_LOG2_N, r: 8, p: 1 });
  const tokens = createTokenIssuer({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    expiresInSeconds: config.JWT_EXPIRES_IN_SECONDS,
  });
  if (config.ADMIN_EMAIL && config.ADMIN_PASSWORD) {
    const outcome = await createStaffAccounts({ customers, passwords })(config.ADMIN_EMAIL, config.ADMIN_PASSWORD, 'admin');
    logger.info({ outcome }, 'the admin of ADMIN_EMAIL is in place');
  }
  const announceLogin = createLoginAnnouncer(createOutboxWriter(pool));
  const outbox = startServiceOutboxRelay({ pool, publisher: dapr, logger }, config);

  const routes = express.Router();
  const profiles = createProfiles({ customers, addresses });
  routes.use(
    customerRoutes({
      registerCustomer: createRegistration({ customers, passwords }),
      logIn: createLogin({ customers, passwords, tokens, announceLogin }),
    }),
    meRoutes({ profiles, addressBook: createAddressBook({ addresses }) }),
    internalRoutes({ profiles }),
  );
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'postgres', check: () => pingPostgres(pool) }],
      routes,
      api: customerApi,
    }),
    closers: [() => pool.end(), () => outbox.stop()],
  };
};
