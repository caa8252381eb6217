-- The audit trail of staff actions on orders (@pasar/audit): who did what to which order, and when.
-- An entry commits in the transaction of the action it records; GET /admin/audit reads the trail
-- newest first, by time and then by id, as its cursors do. `at` comes from the app, in milliseconds.
create table audit_entries (
  id uuid primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_role text not null check (actor_role in ('staff', 'admin', 'unknown')),
  action text not null,
  target text not null,
  details jsonb
);
create index audit_entries_newest on audit_entries (at desc, id desc);
