-- The provider simulator's own records (src/data-access/provider-simulator.ts): what a real gateway
-- keeps on its side, so its charges and pending webhooks survive a restart of the payment process.
-- A deployment with a real gateway never writes this table.
create table provider_simulator_charges (
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
create index provider_simulator_due on provider_simulator_charges (deliver_at)
  where delivered_at is null and webhook_body is not null;
