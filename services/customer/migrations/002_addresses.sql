-- A customer's addresses; at most one is the default (the partial unique index enforces it).
create table addresses (
  id uuid primary key default gen_random_uuid(),
  customer_id uuid not null references customers (id) on delete cascade,
  recipient text not null,
  line1 text not null,
  line2 text,
  city text not null,
  province text,
  postal_code text not null,
  country text not null check (country ~ '^[A-Z]{2}$'),
  phone text,
  is_default boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create index addresses_customer_id_idx on addresses (customer_id, created_at);
create unique index addresses_one_default_per_customer on addresses (customer_id) where is_default;
