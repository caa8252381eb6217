-- Orders and their lines; the price of each line is the price when the order was placed.
create table orders (
  id uuid primary key,
  customer_id uuid not null,
  status text not null check (status in ('PENDING_PAYMENT', 'PAID', 'PAYMENT_FAILED', 'CANCELLED')),
  total_amount bigint not null check (total_amount >= 0),
  currency char(3) not null,
  shipping_address jsonb not null,
  payment_id uuid,
  failure_reason text,
  -- A client's retry of POST /orders with the same Idempotency-Key finds its first order here.
  idempotency_key text,
  request_hash text,
  -- Set once the stock reservation was released (payment failed or timed out); null while it is kept.
  stock_released_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create unique index orders_idempotency_key on orders (customer_id, idempotency_key) where idempotency_key is not null;
create index orders_by_customer on orders (customer_id, created_at desc, id desc);
-- What the sweeper looks at: pending payments, failed payments, cancellations still holding stock.
create index orders_to_sweep on orders (status, created_at) where status in ('PENDING_PAYMENT', 'PAYMENT_FAILED') or stock_released_at is null;

create table order_items (
  order_id uuid not null references orders (id) on delete cascade,
  line_no integer not null,
  product_id uuid not null,
  sku text not null,
  name text not null,
  quantity integer not null check (quantity > 0),
  unit_amount bigint not null check (unit_amount >= 0),
  currency char(3) not null,
  primary key (order_id, line_no)
);
