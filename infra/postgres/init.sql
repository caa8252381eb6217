-- One database shared by customer, order and payment, as the design says; one schema and one role
-- each, so no service can read another's tables (it asks over RPC instead). Idempotent: the native
-- stack runs it at every start; docker compose runs it once from /docker-entrypoint-initdb.d.
-- Passwords equal role names: local development only.
DO $$
DECLARE
  owner text;
BEGIN
  FOREACH owner IN ARRAY ARRAY['customer', 'ordering', 'payment'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owner) THEN
      EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', owner, owner);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', owner, owner);
    EXECUTE format('ALTER ROLE %I SET search_path = %I', owner, owner);
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), owner);
  END LOOP;
END
$$;

-- Nobody creates objects in public; each role sees only its own schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
DO $$ BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()); END $$;
