-- The transactional outbox (see packages/postgres/src/outbox.ts): order-created is written here in
-- the order's own transaction and published by the relay.
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
