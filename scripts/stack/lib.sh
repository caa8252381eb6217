# Shared helpers for the native stack: paths, logging, process supervision, waiting.
# Sourced by stack.sh; every component script uses only what is defined here.

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Per-checkout state (data, logs, pids): git-ignored, removed by `stack clean`.
STACK_DIR=${PASAR_STACK_DIR:-$REPO_ROOT/.stack}
# Built binaries, keyed by version, shared by every checkout on the machine so a warm machine
# starts in seconds even from a fresh clone (CI clones afresh each run).
CACHE_DIR=${PASAR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pasar}
BIN_CACHE=$CACHE_DIR/bin
# Services that refuse to run as root (Elasticsearch, PostgreSQL) run as this user when we are root.
SERVICE_USER=${PASAR_SERVICE_USER:-pasar}

# shellcheck source=versions.sh
source "$REPO_ROOT/scripts/stack/versions.sh"
# shellcheck source=ports.sh
source "$REPO_ROOT/scripts/stack/ports.sh"

log() { printf '%s [stack] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

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

ensure_dirs() { mkdir -p "$STACK_DIR/data" "$STACK_DIR/logs" "$STACK_DIR/run" "$BIN_CACHE" "$CACHE_DIR/build"; }

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
  log "installing Debian packages: ${missing[*]}"
  if [ ! -f "$CACHE_DIR/.apt-updated" ] || [ -n "$(find "$CACHE_DIR/.apt-updated" -mmin +720)" ]; then
    apt-get update -qq && touch "$CACHE_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

is_running() {
  local pf; pf=$(pid_file "$1")
  [ -f "$pf" ] && kill -0 "$(cat "$pf")" 2>/dev/null
}

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

stop_pid() {
  local name=$1 pf; pf=$(pid_file "$name")
  [ -f "$pf" ] || return 0
  local pid; pid=$(cat "$pf")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pf"
}

# Polls a readiness check until it passes, the process dies, or the deadline passes.
# On failure it names the component and shows the tail of its log.
wait_ready() {
  local name=$1 timeout=$2 check=$3 started=$SECONDS next_note=$((SECONDS + 10))
  until $check >/dev/null 2>&1; do
    if ! is_running "$name"; then fail_component "$name" "process exited before it was ready"; fi
    if (( SECONDS - started > timeout )); then fail_component "$name" "not ready after ${timeout}s"; fi
    if (( SECONDS >= next_note )); then log "  waiting for $name ($((SECONDS - started))s)"; next_note=$((SECONDS + 10)); fi
    sleep 0.5
  done
  log "$name ready ($((SECONDS - started))s)"
}

fail_component() {
  log "ERROR: $1: $2. Last lines of $(log_file "$1"):"
  tail -n 40 "$(log_file "$1")" >&2 || true
  exit 1
}

http_ok() { curl -fsS --max-time 2 "$1" >/dev/null; }

# Runs a long command with its output to a log file, printing a line every minute so a first build
# is visibly alive. Args: what logfile command...
with_heartbeat() {
  local what=$1 logfile=$2 started=$SECONDS; shift 2
  "$@" >"$logfile" 2>&1 &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 2
    if (( (SECONDS - started) % 60 < 2 && SECONDS - started >= 60 )); then
      log "  still $what ($(( (SECONDS - started) / 60 )) min; last: $(tail -n 1 "$logfile" | cut -c1-100))"
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
  local dir="$CACHE_DIR/build/$name-$version"
  log "building $name $version from the Go module proxy (first time only; a few minutes)"
  rm -rf "$dir" && mkdir -p "$dir"
  with_heartbeat "building $name" "$CACHE_DIR/build/$name-$version.log" bash -c '
    cd "$1" && go mod init "pasar.local/build/$2" >/dev/null 2>&1 &&
      go get -tool "$3@v$4" "${@:7}" &&
      CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $5" -o "$6.tmp" "$3"' _ "$dir" "$name" "$pkg" "$version" "$ldflags" "$out" "${extra[@]}" || {
    tail -n 30 "$CACHE_DIR/build/$name-$version.log" >&2
    die "building $name $version failed (full log: $CACHE_DIR/build/$name-$version.log)"
  }
  mv "$out.tmp" "$out"
}

# Copies a module out of the module cache into a writable build dir, so a program whose go.mod has
# `replace` directives (or needs a generated file) builds under its own go.mod and go.sum.
# Prints the directory. Args: name version module [copy name, for a copy to be patched].
module_copy() {
  local name=$1 version=$2 module=$3 dir="$CACHE_DIR/build/${4:-$1-$2}-src"
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
  local dir=$1 binary=$2 version=$3 pkg=$4 tags=$5 ldflags=$6 out="$BIN_CACHE/$2-$3" blog="$CACHE_DIR/build/$2-$3.log"
  [ -x "$out" ] && return 0
  log "  compiling $binary $version (progress: $blog)"
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
