-- customer-logged-in goes out through the outbox (packages/postgres/src/outbox.ts): a login is
-- recorded here and published by the relay, so a broker outage at login time loses no history.
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
