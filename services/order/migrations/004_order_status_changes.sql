-- Each order's timeline: every status it entered, and when. The repository writes a row in the
-- statement that places the order or changes its status, so an order never moves without one;
-- `id` is the order of the changes (the times come from two clocks: the app's at placing, the
-- database's at each change).
create table order_status_changes (
  id bigint generated always as identity primary key,
  order_id uuid not null references orders (id) on delete cascade,
  status text not null check (status in ('PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED')),
  at timestamptz not null
);
create index order_status_changes_of_order on order_status_changes (order_id, id);

-- Orders placed before: when they were placed, and their present status if they moved since (a
-- PAYMENT_FAILED on the way to CANCELLED was not kept, so it is not known).
insert into order_status_changes (order_id, status, at)
select id, 'PENDING_PAYMENT', created_at from orders order by created_at, id;
insert into order_status_changes (order_id, status, at)
select id, status, updated_at from orders where status <> 'PENDING_PAYMENT' order by created_at, id;

-- Staff list every customer's orders, newest first, of any status or of one.
create index orders_newest on orders (created_at desc, id desc);
create index orders_by_status on orders (status, created_at desc, id desc);
