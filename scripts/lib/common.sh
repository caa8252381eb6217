# Shared by start.sh, stop.sh, test.sh, bench.sh, status.sh and .ci/run.
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK=("bash" "$REPO_ROOT/scripts/stack/stack.sh")

say() { printf '%s [pasar] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# The Node.js the apps, scripts and tests run on (they run .ts files through Node's own type stripping).
# Bump here: the cache is keyed by it.
PASAR_NODE_VERSION=26.12.1
PASAR_CACHE=${PASAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pasar}

# Puts a Node of PASAR_NODE_VERSION's major (or newer) first on PATH, for this script and all it runs:
# the machine's when it is recent enough, else that version from the npm registry, fetched once into
# the cache. npm itself stays the machine's, which then runs on this Node too.
ensure_node() {
  # Node keeps each module's stripped and compiled code there: an app then starts on about half the
  # CPU, and ~15 MiB smaller, as it need not load the type stripper (bench/app-footprint.ts).
  export NODE_COMPILE_CACHE=${NODE_COMPILE_CACHE:-$PASAR_CACHE/node-compile-cache}
  local required=${PASAR_NODE_VERSION%%.*} present
  present=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$present" -ge "$required" ] && return 0
  local dir="$PASAR_CACHE/node/$PASAR_NODE_VERSION"
  [ -x "$dir/bin/node" ] || fetch_node "$dir"
  export PATH="$dir/bin:$PATH"
}

# Node's official Linux build as the npm registry ships it (node-linux-<arch>: bin/node, no npm).
fetch_node() {
  local dir=$1 arch started=$SECONDS tmp
  case $(uname -m) in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; *) say "no Node build for $(uname -m)"; return 1 ;; esac
  mkdir -p "$(dirname "$dir")"
  tmp=$(mktemp -d "$dir.XXXXXX") && chmod 755 "$tmp"
  say "fetching Node $PASAR_NODE_VERSION (node-linux-$arch, ~55 MB) from the npm registry into $dir (first time only)"
  (cd "$tmp" && npm pack "node-linux-$arch@$PASAR_NODE_VERSION" --loglevel=error --no-update-notifier >/dev/null) &
  local pid=$!
  while kill -0 $pid 2>/dev/null; do
    sleep 1
    if (( (SECONDS - started) % 10 == 0 )); then say "  still fetching Node ($((SECONDS - started)) s)"; fi
  done
  wait $pid || { rm -rf "$tmp"; say "fetching Node $PASAR_NODE_VERSION failed"; return 1; }
  say "  unpacking"
  tar xzf "$tmp"/node-linux-*.tgz -C "$tmp" --strip-components=1 package/bin/node package/LICENSE
  rm "$tmp"/node-linux-*.tgz
  "$tmp/bin/node" --version >/dev/null || { rm -rf "$tmp"; say "the fetched Node does not run here"; return 1; }
  # Another script may have fetched it meanwhile: keep that one.
  mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
  say "Node $PASAR_NODE_VERSION ready ($((SECONDS - started)) s)"
}

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
  PASAR_DATASET=test node "$REPO_ROOT/scripts/run/reset-test-dataset.ts"
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
