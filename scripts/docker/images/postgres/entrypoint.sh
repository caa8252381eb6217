#!/bin/bash
# As the official postgres image: POSTGRES_PASSWORD (required), POSTGRES_USER (postgres) and POSTGRES_DB;
# on an empty data directory, /docker-entrypoint-initdb.d/*.sql and *.sh run once against the new database.
set -euo pipefail
if [ "$1" = postgres ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" && chown -R postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  exec runuser -u postgres -- "$0" "$@"
fi
if [ "$1" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
  user=${POSTGRES_USER:-postgres} db=${POSTGRES_DB:-${POSTGRES_USER:-postgres}}
  initdb -D "$PGDATA" -U "$user" --pwfile=<(printf '%s\n' "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}") -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >>"$PGDATA/postgresql.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  psql=(psql -v ON_ERROR_STOP=1 -U "$user" -q)
  [ "$db" = postgres ] || "${psql[@]}" -d postgres -c "CREATE DATABASE \"$db\""
  for file in /docker-entrypoint-initdb.d/*; do
    case $file in *.sql) "${psql[@]}" -d "$db" -f "$file" ;; *.sh) source "$file" ;; esac
  done
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec "$@"
