-- Customers and their credentials. The email is kept as typed but unique whatever its case
-- (citext would need an extension this role cannot create).
create table customers (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  locale text not null default 'id' check (locale in ('id', 'en')),
  -- scrypt, self-describing: $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash> (base64)
  password_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index customers_email_key on customers (lower(email));
