-- The provider simulator's refunds (provider-simulator.ts): at most one full refund per approved
-- charge, idempotent per key, answered later by a REFUNDED webhook that survives a restart like a
-- charge's. "if not exists": a schema migrated before the simulator had its own migrations has it
-- already (payment's 004).
create table if not exists provider_simulator_refunds (
  refund_id text primary key,
  idempotency_key text not null unique,
  charge_id text not null unique references provider_simulator_charges (charge_id),
  webhook_body text not null,
  deliver_at timestamptz not null,
  delivered_at timestamptz,
  attempts integer not null default 0,
  created_at timestamptz not null default now()
);
create index if not exists provider_simulator_refunds_due on provider_simulator_refunds (deliver_at) where delivered_at is null;
