#!/usr/bin/env bash
# The native runtime of Pasar, without Docker: every data store, both brokers, Dapr's control plane
# binaries and the SMTP catcher, built or installed on first use, started on loopback only.
#
#   npm run stack -- up [component...]    install/build what is missing, start, wait until healthy
#   npm run stack -- down [component...]   stop everything this checkout started (or those)
#   npm run stack -- kill component...     SIGKILL them, as a crash would (`up` starts them again)
#   npm run stack -- status                one line per component
#   npm run stack -- logs [component]      follow a component's log
#   npm run stack -- clean                 down, then delete .stack/ (data and logs)
#   npm run stack -- env                   print the variables apps and tests use to reach the stack
#   npm run stack -- rabbitmqctl ARGS...   rabbitmqctl against the stack's RabbitMQ node
# PASAR_STACK=containers: the stores in containers instead, on a Docker engine (containers.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SAY_AS=stack
PASAR_STACK=${PASAR_STACK:-native}
case $PASAR_STACK in
  native) ;;
  containers)
    source "$REPO_ROOT/scripts/stack/containers.sh"
    # shellcheck source=/dev/null
    if [ -f "$CONTAINER_PORTS_FILE" ]; then source "$CONTAINER_PORTS_FILE"; fi
    ;;
  *) die "PASAR_STACK must be native or containers, not '$PASAR_STACK'" ;;
esac
in_containers() { [ "$PASAR_STACK" = containers ]; }

# The components, one file each in components/ (the interface: README.md beside this file), in start
# order; stop runs it backwards. Adding one: its file, and its name here.
COMPONENTS=(
  postgres
  redis
  rabbitmq
  elasticsearch
  ferretdb
  influxdb
  mailpit
  zipkin
  dapr
  sentry
)

# What a component's file says of it, in one line: its port and readiness budget (seconds), when it
# runs a process, and the Debian packages it needs.
#   describe_component NAME [--port PORT --ready-within SECONDS] [--debian PACKAGE]...
declare -A PORT_OF READY_WITHIN DEBIAN_PACKAGES
describe_component() {
  local name=$1; shift
  while [ $# -gt 0 ]; do
    case $1 in
      --port) PORT_OF[$name]=$2 ;;
      --ready-within) READY_WITHIN[$name]=$2 ;;
      --debian) DEBIAN_PACKAGES[$name]+=" $2" ;;
      *) die "components/$name.sh: describe_component takes --port, --ready-within and --debian, not '$1'" ;;
    esac
    shift 2
  done
}

fn_exists() { declare -F "$1" >/dev/null; }
is_component() { [[ " ${COMPONENTS[*]} " == *" $1 "* ]]; }
# A component that runs a process (dapr only builds).
runs_process() { fn_exists "${1}_start"; }

for c in "${COMPONENTS[@]}"; do
  # shellcheck source=/dev/null
  source "$REPO_ROOT/scripts/stack/components/$c.sh"
  if runs_process "$c" && ! { fn_exists "${c}_health" && [ -n "${PORT_OF[$c]:-}" ] && [ -n "${READY_WITHIN[$c]:-}" ]; }; then
    die "components/$c.sh starts a process: it needs ${c}_health and describe_component $c --port ... --ready-within ..."
  fi
done

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Debian packages first, in one apt run, then each component's own build (each cached by version).
build_all() {
  local started=$SECONDS pkgs=(curl unzip patch)
  for c in "$@"; do
    if [ -n "${DEBIAN_PACKAGES[$c]:-}" ]; then read -ra more <<<"${DEBIAN_PACKAGES[$c]}"; pkgs+=("${more[@]}"); fi
  done
  apt_install "${pkgs[@]}"
  for c in "$@"; do
    if fn_exists "${c}_build"; then "${c}_build"; fi
  done
  say "install/build phase done ($((SECONDS - started))s)"
}

start_component() {
  local c=$1
  if is_running "$c"; then return 0; fi
  if port_in_use "${PORT_OF[$c]}"; then
    die "$c: port ${PORT_OF[$c]} on 127.0.0.1 is taken by another process (stop it, or set the port variable in scripts/stack/components/$c.sh)"
  fi
  say "starting $c"
  "${c}_start"
  STARTED_NOW+=("$c")
}

cmd_up() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${COMPONENTS[@]}")
  for c in "${wanted[@]}"; do is_component "$c" || die "unknown component '$c' (known: ${COMPONENTS[*]})"; done
  ensure_dirs
  ensure_service_user
  build_all "${wanted[@]}"
  local to_run=()
  for c in "${COMPONENTS[@]}"; do [[ " ${wanted[*]} " == *" $c "* ]] && runs_process "$c" && to_run+=("$c"); done
  STARTED_NOW=()
  trap 'on_up_failure' EXIT
  local started=$SECONDS
  for c in "${to_run[@]}"; do start_component "$c"; done
  for c in "${to_run[@]}"; do
    wait_ready "$c" "${READY_WITHIN[$c]}" "${c}_health"
    if fn_exists "${c}_provision"; then "${c}_provision" || fail_component "$c" "provisioning failed"; fi
  done
  trap - EXIT
  say "stack up: ${wanted[*]} ($((SECONDS - started))s to healthy)"
}

# `up` failed: stop what this run started, so nothing is left half-started.
on_up_failure() {
  local code=$?
  [ $code -eq 0 ] && return
  if [ ${#STARTED_NOW[@]} -gt 0 ]; then
    say "stopping what this run started: ${STARTED_NOW[*]}"
    for c in "${STARTED_NOW[@]}"; do stop_component "$c"; done
  fi
  exit $code
}

# The component's own clean shutdown first, if it has one; then the stack ends its process group.
stop_component() {
  local c=$1
  if fn_exists "${c}_stop" && is_running "$c"; then "${c}_stop"; fi
  stop_pid_file "$(pid_file "$c")"
}

# Stops everything, or the named components (`up` starts them again).
cmd_down() {
  local named=" $* "
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    local c=${COMPONENTS[$i]}
    [ $# -eq 0 ] || [[ $named == *" $c "* ]] || continue
    if is_running "$c"; then say "stopping $c"; fi
    stop_component "$c"
  done
}

# SIGKILL, as a crash or a lost machine would: no shutdown of its own (the fault tests use it).
cmd_kill() {
  for c in "$@"; do
    local pf; pf=$(pid_file "$c")
    [ -f "$pf" ] || continue
    say "killing $c"
    signal_process KILL "$(cat "$pf")"
    rm -f "$pf"
  done
}

cmd_status() {
  printf '%-14s %-8s %-8s %s\n' COMPONENT PID STATE PORT
  for c in "${@:-${COMPONENTS[@]}}"; do
    runs_process "$c" || continue
    local pid=- state=stopped
    if is_running "$c"; then
      pid=$(cat "$(pid_file "$c")")
      if "${c}_health" >/dev/null 2>&1; then state=ready; else state=starting; fi
    fi
    printf '%-14s %-8s %-8s %s\n' "$c" "$pid" "$state" "${PORT_OF[$c]}"
  done
}

cmd_logs() {
  if [ $# -eq 0 ]; then tail -n 20 -F "$STACK_DIR"/logs/*.log; else tail -n 100 -F "$(log_file "$1")"; fi
}

# Two datasets share the stack's servers: `dev`, what `npm start` uses, and `test`, what `npm test`
# and `npm run bench` use (PASAR_DATASET=test), so neither ever sees the other's data or messages.
# A component's env names its dataset's database, index prefix, ... with `by_dataset DEV_VALUE TEST_VALUE`.
by_dataset() { if [ "$PASAR_DATASET" = test ]; then echo "$2"; else echo "$1"; fi; }

cmd_env() {
  case $PASAR_DATASET in
    dev | test) ;;
    *) die "PASAR_DATASET must be dev or test, not '$PASAR_DATASET'" ;;
  esac
  echo "PASAR_DATASET=$PASAR_DATASET"
  for c in "${COMPONENTS[@]}"; do
    if fn_exists "${c}_env"; then "${c}_env"; fi
  done
}

cmd_rabbitmqctl() { (rabbitmq_node_env; exec /usr/lib/rabbitmq/bin/rabbitmqctl "$@"); }

# A command of this stack: cmd_NAME, or with the stores in containers containers_NAME where there is one.
run_command() {
  local name=$1; shift
  if in_containers && fn_exists "containers_$name"; then "containers_$name" "$@"; else "cmd_$name" "$@"; fi
}

case "${1:-}" in
  up | down | kill | status | logs | env | rabbitmqctl) name=$1; shift; run_command "$name" "$@" ;;
  clean) run_command down; rm -rf "$(service_state_dir)" "$STACK_DIR"; say "removed $STACK_DIR" ;;
  install) shift; ensure_dirs; build_all "${@:-${COMPONENTS[@]}}" ;;
  *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
