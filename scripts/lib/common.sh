# shellcheck shell=bash
# The one helper library of Pasar's scripts: start.sh, stop.sh, test.sh, bench.sh, status.sh, dlq.sh,
# the native stack (stack/stack.sh and every stack/components/*.sh), the run/ helpers and .ci/run.
# It only defines: sourcing it starts nothing.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
STACK=("bash" "$REPO_ROOT/scripts/stack/stack.sh")
# Built binaries, Node and build logs, keyed by version and shared by every checkout on the machine, so
# a warm machine starts in seconds even from a fresh clone (CI clones afresh each run).
PASAR_CACHE=${PASAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pasar}
BIN_CACHE=$PASAR_CACHE/bin
# The native stack's per-checkout state (data, logs, pids): git-ignored, removed by `stack clean`.
STACK_DIR=${PASAR_STACK_DIR:-$REPO_ROOT/.stack}
# Services that refuse to run as root (Elasticsearch, PostgreSQL) run as this user when we are root.
SERVICE_USER=${PASAR_SERVICE_USER:-pasar}

# ---- Messages: one line each, timed and tagged (a script may set SAY_AS after sourcing this).
SAY_AS=pasar
say() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "$SAY_AS" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# ---- Node
# The Node.js the apps, scripts and tests run on (they run .ts files through Node's own type stripping).
# Bump here: the cache is keyed by it.
PASAR_NODE_VERSION=26.12.1

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

# ---- Processes: every long-running one is started by setsid, so it leads a process group of its own,
# and is stopped one way: TERM to the group, up to STOP_GRACE_SECONDS to exit, then KILL to whatever of
# the group is left.
STOP_GRACE_SECONDS=20

# Sends a signal to the group a process leads, or to the process alone when it leads none.
signal_process() { kill "-$1" -- "-$2" 2>/dev/null || kill "-$1" "$2" 2>/dev/null || true; }

# Whether the process, or any process of the group it led, is still there: a leader that exited first
# (the dapr CLI does, while its daprds shut down) leaves the group behind, holding the apps' ports.
process_or_group_alive() { kill -0 -- "-$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; }

pid_file_alive() { [ -f "$1" ] && process_or_group_alive "$(cat "$1")"; }

# Stops the process whose id a pid file holds and its whole group, then removes the file: returns
# once none of them is left.
stop_pid_file() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if process_or_group_alive "$pid"; then
    signal_process TERM "$pid"
    for _ in $(seq 1 $((STOP_GRACE_SECONDS * 5))); do process_or_group_alive "$pid" || break; sleep 0.2; done
    signal_process KILL "$pid"
    for _ in $(seq 1 50); do process_or_group_alive "$pid" || break; sleep 0.1; done
  fi
  rm -f "$file"
}

# ---- The apps (npm start, npm stop, npm run status)
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
  PASAR_DATASET="test" node "$REPO_ROOT/scripts/run/reset-test-dataset.ts"
}

APPS_PID_FILE="$REPO_ROOT/.stack/run/apps.pid"
# shellcheck disable=SC2034 # start.sh writes it
APPS_LOG="$REPO_ROOT/.stack/logs/apps.log"

apps_running() { pid_file_alive "$APPS_PID_FILE"; }

stop_apps() {
  apps_running || { rm -f "$APPS_PID_FILE"; return 0; }
  say "stopping the apps and their sidecars"
  stop_pid_file "$APPS_PID_FILE"
}

# ---- The native stack's components (scripts/stack/README.md): files, the service user, Debian packages
is_root() { [ "$(id -u)" = 0 ]; }

data_dir() { echo "$STACK_DIR/data/$1"; }

# Where the components that run as the service user (PostgreSQL, Elasticsearch) keep their files:
# .stack/ in the checkout, unless that user cannot enter the checkout (a clone under /root, say);
# then a folder of its own under /var/tmp, named after the checkout.
service_state_dir() {
  if ! is_root || runuser -u "$SERVICE_USER" -- test -x "$STACK_DIR" 2>/dev/null; then
    echo "$STACK_DIR"
  else
    echo "/var/tmp/pasar-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
  fi
}
service_data_dir() { echo "$(service_state_dir)/data/$1"; }
log_file() { echo "$STACK_DIR/logs/$1.log"; }
pid_file() { echo "$STACK_DIR/run/$1.pid"; }

ensure_dirs() { mkdir -p "$STACK_DIR/data" "$STACK_DIR/logs" "$STACK_DIR/run" "$BIN_CACHE" "$PASAR_CACHE/build"; }

ensure_service_user() {
  is_root || return 0
  id "$SERVICE_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
}

# Runs a command as the unprivileged service user when we are root, else as ourselves.
as_service_user() {
  if is_root; then runuser -u "$SERVICE_USER" -- "$@"; else "$@"; fi
}

# Gives a directory to the service user (when root) so it can write there.
own_dir() {
  mkdir -p "$1"
  if is_root; then chown -R "$SERVICE_USER" "$1"; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing Debian packages ${missing[*]}: install them (sudo apt-get install ${missing[*]})"
  say "installing Debian packages: ${missing[*]}"
  if [ ! -f "$PASAR_CACHE/.apt-updated" ] || [ -n "$(find "$PASAR_CACHE/.apt-updated" -mmin +720)" ]; then
    apt-get update -qq && touch "$PASAR_CACHE/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ---- The native stack's components: running one
is_running() { pid_file_alive "$(pid_file "$1")"; }

# Starts a long-running server in the background, detached, logging to .stack/logs/<name>.log.
spawn() {
  local name=$1; shift
  : >"$(log_file "$name")"
  if is_root && [ "${SPAWN_AS_SERVICE_USER:-0}" = 1 ]; then
    chown "$SERVICE_USER" "$(log_file "$name")"
    setsid runuser -u "$SERVICE_USER" -- "$@" >>"$(log_file "$name")" 2>&1 </dev/null &
  else
    setsid "$@" >>"$(log_file "$name")" 2>&1 </dev/null &
  fi
  echo $! >"$(pid_file "$name")"
}

# Polls a readiness check until it passes, the process dies, or the deadline passes.
# On failure it names the component and shows the tail of its log.
wait_ready() {
  local name=$1 timeout=$2 check=$3 started=$SECONDS next_note=$((SECONDS + 10))
  until $check >/dev/null 2>&1; do
    if ! is_running "$name"; then fail_component "$name" "process exited before it was ready"; fi
    if (( SECONDS - started > timeout )); then fail_component "$name" "not ready after ${timeout}s"; fi
    if (( SECONDS >= next_note )); then say "  waiting for $name ($((SECONDS - started))s)"; next_note=$((SECONDS + 10)); fi
    sleep 0.5
  done
  say "$name ready ($((SECONDS - started))s)"
}

fail_component() {
  say "ERROR: $1: $2. Last lines of $(log_file "$1"):"
  tail -n 40 "$(log_file "$1")" >&2 || true
  exit 1
}

http_ok() { curl -fsS --max-time 2 "$1" >/dev/null; }

# ---- The native stack's components: building them from the Go module proxy, cached by version
# Runs a long command with its output to a log file, printing a line every minute so a first build
# is visibly alive. Args: what logfile command...
with_heartbeat() {
  local what=$1 logfile=$2 started=$SECONDS; shift 2
  "$@" >"$logfile" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if (( (SECONDS - started) % 60 < 2 && SECONDS - started >= 60 )); then
      say "  still $what ($(( (SECONDS - started) / 60 )) min; last: $(tail -n 1 "$logfile" | cut -c1-100))"
    fi
  done
  wait "$pid"
}

# Builds a Go program as a tool of a throwaway module so its own go.mod pins its dependencies,
# and caches the binary by version. Args: name version package [ldflags] [extra module@version...]
# (an extra module raises a dependency the proxy refuses at the program's own version).
build_go_tool() {
  local name=$1 version=$2 pkg=$3 ldflags=${4:-} out="$BIN_CACHE/$1-$2"
  local extra=("${@:5}")
  [ -x "$out" ] && return 0
  local dir="$PASAR_CACHE/build/$name-$version"
  say "building $name $version from the Go module proxy (first time only; a few minutes)"
  rm -rf "$dir" && mkdir -p "$dir"
  with_heartbeat "building $name" "$PASAR_CACHE/build/$name-$version.log" bash -c '
    cd "$1" && go mod init "pasar.local/build/$2" >/dev/null 2>&1 &&
      go get -tool "$3@v$4" "${@:7}" &&
      CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $5" -o "$6.tmp" "$3"' _ "$dir" "$name" "$pkg" "$version" "$ldflags" "$out" "${extra[@]}" || {
    tail -n 30 "$PASAR_CACHE/build/$name-$version.log" >&2
    die "building $name $version failed (full log: $PASAR_CACHE/build/$name-$version.log)"
  }
  mv "$out.tmp" "$out"
}

# Copies a module out of the module cache into a writable build dir, so a program whose go.mod has
# `replace` directives (or needs a generated file) builds under its own go.mod and go.sum.
# Prints the directory. Args: name version module [copy name, for a copy to be patched].
module_copy() {
  local name=$1 version=$2 module=$3 dir="$PASAR_CACHE/build/${4:-$1-$2}-src"
  if [ ! -f "$dir/go.mod" ]; then
    local mod; mod=$(go mod download -json "$module@v$version" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    [ -n "$mod" ] || die "could not download $module@v$version from the Go module proxy"
    rm -rf "$dir" && cp -r "$mod" "$dir" && chmod -R u+w "$dir"
  fi
  echo "$dir"
}

# Builds ./<pkg> inside a module copy and caches the binary as <binary>-<version>.
# Args: dir binary version pkg tags ldflags.
build_in_module() {
  local dir=$1 binary=$2 version=$3 pkg=$4 tags=$5 ldflags=$6 out="$BIN_CACHE/$2-$3" blog="$PASAR_CACHE/build/$2-$3.log"
  [ -x "$out" ] && return 0
  say "  compiling $binary $version (progress: $blog)"
  with_heartbeat "compiling $binary" "$blog" bash -c 'cd "$1" && CGO_ENABLED=0 go build ${2:+-tags "$2"} -trimpath -ldflags "-s -w $3" -o "$4.tmp" "$5"' \
    _ "$dir" "$tags" "$ldflags" "$out" "$pkg" ||
    { tail -n 30 "$blog" >&2; die "building $binary $version failed (full log: $blog)"; }
  mv "$out.tmp" "$out"
}

# Applies patch files (-p1, module-relative paths) to a module copy once; a copy whose patching
# failed is removed, so the next run starts from a clean copy. Args: dir patch...
patch_module_copy() {
  local dir=$1; shift
  [ -f "$dir/.pasar-patched" ] && return 0
  for p in "$@"; do
    patch -d "$dir" -p1 --forward --batch --quiet <"$p" >&2 || { rm -rf "$dir"; die "patch $p does not apply to $dir"; }
  done
  printf '%s\n' "$@" >"$dir/.pasar-patched"
}

# ---- Python tools: one from PyPI in a venv of its own under the cache, keyed by its version (the
# first call installs it, later ones find it at once): schemathesis, kubernetes-validate.
# Prints the venv's directory. Args: package version.
ensure_pip_venv() {
  local package=$1 version=$2
  local venv=$PASAR_CACHE/venv/$package-$version
  mkdir -p "$PASAR_CACHE/venv"
  # A venv is not relocatable, so it is built in place; the stamp says the build finished.
  (
    flock 9
    if [ ! -f "$venv/.installed" ]; then
      say "installing $package $version from PyPI into $venv"
      rm -rf "$venv"
      python3 -m venv "$venv"
      "$venv/bin/pip" install --quiet --disable-pip-version-check "$package==$version" >&2
      touch "$venv/.installed"
    fi
  ) 9>"$venv.lock"
  echo "$venv"
}
