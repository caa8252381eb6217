# shellcheck shell=bash
# FerretDB: the MongoDB wire protocol over SQLite, standing in for MongoDB (no MongoDB binary here).
FERRETDB_VERSION=1.24.2
FERRETDB_PORT=${FERRETDB_PORT:-27017}
FERRETDB_DEBUG_PORT=${FERRETDB_DEBUG_PORT:-27018}
describe_component ferretdb --port "$FERRETDB_PORT" --ready-within 60

# Its version package embeds build/version/version.txt, which the module zip lacks: we write it.
ferretdb_build() {
  [ -x "$BIN_CACHE/ferretdb-$FERRETDB_VERSION" ] && return 0
  say "building FerretDB $FERRETDB_VERSION from the Go module proxy (first time only; ~3 min)"
  local dir; dir=$(module_copy ferretdb "$FERRETDB_VERSION" github.com/FerretDB/FerretDB)
  echo "v$FERRETDB_VERSION" >"$dir/build/version/version.txt"
  build_in_module "$dir" ferretdb "$FERRETDB_VERSION" ./cmd/ferretdb "" ""
}

ferretdb_start() {
  local data; data=$(data_dir ferretdb)
  mkdir -p "$data/sqlite" "$data/state"
  spawn ferretdb "$BIN_CACHE/ferretdb-$FERRETDB_VERSION" --handler=sqlite --sqlite-url="file:$data/sqlite/" \
    --listen-addr="127.0.0.1:$FERRETDB_PORT" --state-dir="$data/state" --telemetry=disable \
    --debug-addr="127.0.0.1:$FERRETDB_DEBUG_PORT" --log-level=warn
}

# FerretDB's own readiness probe: it checks that the backend (SQLite) answers.
ferretdb_health() { http_ok "http://127.0.0.1:$FERRETDB_DEBUG_PORT/debug/readyz"; }

ferretdb_env() {
  printf '%s\n' "MONGODB_URL=mongodb://127.0.0.1:$FERRETDB_PORT" "MONGODB_DATABASE=$(by_dataset '' test_)product"
}
