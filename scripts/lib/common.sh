# Shared by start.sh, stop.sh and test.sh.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK=("bash" "$REPO_ROOT/scripts/stack/stack.sh")

say() { printf '%s [pasar] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# npm dependencies: a clean install from the lock file when node_modules is missing or stale.
ensure_node_modules() {
  local stamp="$REPO_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$REPO_ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm dependencies (npm ci)"
    (cd "$REPO_ROOT" && npm ci --no-fund --no-audit --loglevel=error)
  fi
}

# The stack's addresses (npm run stack -- env) as environment variables, for daprd and the apps.
export_stack_env() {
  local line
  while IFS= read -r line; do export "${line?}"; done < <("${STACK[@]}" env)
  export DAPR_HOST_IP=127.0.0.1
  export ZIPKIN_ENDPOINT=${ZIPKIN_ENDPOINT:-}
}

# The dataset the stack's addresses point at: npm start uses `dev`; npm test and npm run bench `test`.
export PASAR_DATASET=${PASAR_DATASET:-dev}

# Empties the test dataset (npm test and npm run bench, before and after their run).
reset_test_dataset() {
  PASAR_DATASET=test npx tsx "$REPO_ROOT/scripts/run/reset-test-dataset.ts"
}

APPS_PID_FILE="$REPO_ROOT/.stack/run/apps.pid"
APPS_LOG="$REPO_ROOT/.stack/logs/apps.log"

apps_running() { [ -f "$APPS_PID_FILE" ] && kill -0 "$(cat "$APPS_PID_FILE")" 2>/dev/null; }

stop_apps() {
  apps_running || { rm -f "$APPS_PID_FILE"; return 0; }
  local pid; pid=$(cat "$APPS_PID_FILE")
  say "stopping the apps and their sidecars"
  kill -TERM -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$APPS_PID_FILE"
}
