-- The inbox records which provider webhook events were handled (packages/postgres/src/inbox.ts).
-- It came with the outbox in 002, retired since the outbox table is @pasar/postgres's own migration:
-- "if not exists", for a schema that ran 002.
create table if not exists inbox (
  event_id uuid primary key,
  topic text not null,
  processed_at timestamptz not null default now()
);
