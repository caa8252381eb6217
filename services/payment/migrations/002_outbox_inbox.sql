-- payment-status goes out through the outbox (packages/postgres/src/outbox.ts); the inbox records
-- which provider webhook events were handled (packages/postgres/src/inbox.ts).
create table outbox (
  id bigserial primary key,
  topic text not null,
  payload jsonb not null,
  event_id uuid not null unique,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_unpublished on outbox (id) where published_at is null;

create table inbox (
  event_id uuid primary key,
  topic text not null,
  processed_at timestamptz not null default now()
);
