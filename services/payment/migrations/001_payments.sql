-- One payment per order (UNIQUE order_id): a duplicate order-created message finds it and stops.
create table payments (
  id uuid primary key,
  order_id uuid not null unique,
  customer_id uuid not null,
  amount bigint not null check (amount >= 0),
  currency char(3) not null,
  status text not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
  -- The provider's id of the charge, known once the provider accepted it; webhooks name it.
  provider_charge_id text unique,
  failure_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finalized_at timestamptz,
  -- The order service must learn the final status: PENDING until its callback succeeded (DONE) or
  -- was refused for good (REJECTED, e.g. the order no longer exists); retried with backoff.
  callback_state text not null default 'NONE' check (callback_state in ('NONE', 'PENDING', 'DONE', 'REJECTED')),
  callback_attempts integer not null default 0,
  callback_next_at timestamptz,
  callback_last_error text
);

create index payments_callbacks_due on payments (callback_next_at) where callback_state = 'PENDING';
