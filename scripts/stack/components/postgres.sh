# shellcheck shell=bash
# PostgreSQL from Debian, in its own cluster under .stack/data/postgres (not the system service).
POSTGRES_MAJOR=15
POSTGRES_PORT=${POSTGRES_PORT:-5432}
PG_BIN=/usr/lib/postgresql/$POSTGRES_MAJOR/bin
describe_component postgres --port "$POSTGRES_PORT" --ready-within 60 --debian "postgresql-$POSTGRES_MAJOR"

postgres_start() {
  local data; data=$(service_data_dir postgres)
  own_dir "$(service_state_dir)/run/postgres-socket"
  if [ ! -f "$data/PG_VERSION" ]; then
    own_dir "$data"
    as_service_user "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$(log_file postgres-initdb)" 2>&1 ||
      fail_component postgres-initdb "initdb failed"
  fi
  # fsync=off: a killed PostgreSQL loses nothing it wrote (the OS has it), only a lost machine would.
  # synchronous_commit stays on: off, a killed PostgreSQL forgets commits it had confirmed, and the
  # fault tests caught a payment settled twice, with two payment-status events, that way.
  SPAWN_AS_SERVICE_USER=1 spawn postgres "$PG_BIN/postgres" -D "$data" -h 127.0.0.1 -p "$POSTGRES_PORT" \
    -k "$(service_state_dir)/run/postgres-socket" -c max_connections=200 -c fsync=off
}

postgres_health() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres; }

# The shared database and one role + schema per owning service (infra/postgres/init.sql).
postgres_provision() {
  local psql=(env PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -v ON_ERROR_STOP=1 -q)
  "${psql[@]}" -d postgres -tAc "select 1 from pg_database where datname = 'pasar'" | grep -q 1 ||
    "${psql[@]}" -d postgres -c 'create database pasar'
  "${psql[@]}" -d pasar -f "$REPO_ROOT/infra/postgres/init.sql" >/dev/null
}

postgres_env() {
  # The native server trusts loopback; a container (PASAR_STACK=containers) asks for the password.
  echo "POSTGRES_ADMIN_URL=postgres://postgres${POSTGRES_ADMIN_PASSWORD:+:$POSTGRES_ADMIN_PASSWORD}@127.0.0.1:$POSTGRES_PORT/$(by_dataset pasar pasar_test)"
}
