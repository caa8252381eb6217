-- The transactional outbox (src/outbox-writer.ts, src/outbox-relay.ts), in the schema of each service
-- that uses it, with its own history (outbox_migrations). "if not exists": a schema migrated before
-- this package owned the table (customer's 003, order's 002, payment's 002) has it already.
create table if not exists outbox (
  id bigserial primary key,
  topic text not null,
  payload jsonb not null,
  event_id uuid not null unique,
  created_at timestamptz not null default now(),
  published_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index if not exists outbox_unpublished on outbox (id) where published_at is null;
