-- The provider simulator's own records (provider-simulator.ts): what a real gateway keeps on its
-- side, so its charges and pending webhooks survive a restart of the payment process. Applied only
-- where the simulator runs; a deployment with a real gateway never has this table. "if not exists":
-- a schema migrated before the simulator had its own migrations has it already (payment's 003).
create table if not exists provider_simulator_charges (
  charge_id text primary key,
  idempotency_key text not null unique,
  amount bigint not null,
  currency char(3) not null,
  reference text not null,
  -- The webhook to send, signed when sent; null for a charge the gateway never answers.
  webhook_body text,
  deliver_at timestamptz,
  delivered_at timestamptz,
  attempts integer not null default 0,
  created_at timestamptz not null default now()
);
create index if not exists provider_simulator_due on provider_simulator_charges (deliver_at)
  where delivered_at is null and webhook_body is not null;
