# shellcheck shell=bash
# InfluxDB 1.8 built from the Go module proxy: the only 1.x with the v2 write/query HTTP API (Flux on).
INFLUXDB_VERSION=1.8.10
INFLUXDB_PORT=${INFLUXDB_PORT:-8086}
describe_component influxdb --port "$INFLUXDB_PORT" --ready-within 60

influxdb_build() { build_go_tool influxd "$INFLUXDB_VERSION" github.com/influxdata/influxdb/cmd/influxd; }

influxdb_start() {
  local data; data=$(data_dir influxdb)
  mkdir -p "$data"
  spawn influxdb env INFLUXDB_HTTP_BIND_ADDRESS="127.0.0.1:$INFLUXDB_PORT" INFLUXDB_BIND_ADDRESS="127.0.0.1:$((INFLUXDB_PORT + 2))" \
    INFLUXDB_HTTP_FLUX_ENABLED=true INFLUXDB_REPORTING_DISABLED=true INFLUXDB_HTTP_LOG_ENABLED=false \
    INFLUXDB_META_DIR="$data/meta" INFLUXDB_DATA_DIR="$data/data" INFLUXDB_DATA_WAL_DIR="$data/wal" \
    INFLUXDB_DATA_QUERY_LOG_ENABLED=false INFLUXDB_MONITOR_STORE_ENABLED=false \
    "$BIN_CACHE/influxd-$INFLUXDB_VERSION" run
}

influxdb_health() { http_ok "http://127.0.0.1:$INFLUXDB_PORT/health"; }

# InfluxDB 1.8 has no /api/v2/buckets: the activity bucket "pasar/autogen" is a database made with InfluxQL.
influxdb_provision() {
  curl -fsS --max-time 5 -XPOST "http://127.0.0.1:$INFLUXDB_PORT/query" --data-urlencode 'q=CREATE DATABASE pasar' >/dev/null
}

influxdb_env() {
  printf '%s\n' "INFLUXDB_URL=http://127.0.0.1:$INFLUXDB_PORT" "INFLUXDB_BUCKET=$(by_dataset '' test_)pasar/autogen"
}
