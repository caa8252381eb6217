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
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for f in "$REPO_ROOT"/scripts/stack/components/*.sh; do source "$f"; done

# Start order; stop runs it backwards. Readiness budget (seconds) for each.
COMPONENTS=(postgres redis rabbitmq elasticsearch ferretdb influxdb mailpit placement scheduler)
declare -A READY_TIMEOUT=([postgres]=60 [redis]=30 [rabbitmq]=120 [elasticsearch]=180 [ferretdb]=60
  [influxdb]=60 [mailpit]=30 [placement]=60 [scheduler]=120)
declare -A PORT_OF=([postgres]=$POSTGRES_PORT [redis]=$REDIS_PORT [rabbitmq]=$RABBITMQ_PORT
  [elasticsearch]=$ELASTICSEARCH_PORT [ferretdb]=$FERRETDB_PORT [influxdb]=$INFLUXDB_PORT
  [mailpit]=$SMTP_PORT [placement]=$DAPR_PLACEMENT_PORT [scheduler]=$DAPR_SCHEDULER_PORT)

# Which install step provides each component (placement and scheduler come with the dapr build).
install_step() {
  case $1 in placement | scheduler) echo dapr ;; *) echo "$1" ;; esac
}

fn_exists() { declare -F "$1" >/dev/null; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

install_all() {
  local started=$SECONDS steps=() seen=" "
  for c in "$@"; do
    local step; step=$(install_step "$c")
    [[ $seen == *" $step "* ]] && continue
    seen+="$step "; steps+=("$step")
  done
  # Debian packages first, in one apt run.
  local pkgs=()
  [[ " ${steps[*]} " == *" postgres "* ]] && pkgs+=("postgresql-$POSTGRES_MAJOR")
  [[ " ${steps[*]} " == *" redis "* ]] && pkgs+=(redis-server)
  [[ " ${steps[*]} " == *" rabbitmq "* ]] && pkgs+=(rabbitmq-server)
  pkgs+=(curl unzip patch)
  apt_install "${pkgs[@]}"
  for step in "${steps[@]}"; do
    if fn_exists "${step}_install"; then "${step}_install"; fi
  done
  log "install/build phase done ($((SECONDS - started))s)"
}

start_component() {
  local c=$1
  if is_running "$c"; then return 0; fi
  if port_in_use "${PORT_OF[$c]}"; then
    die "$c: port ${PORT_OF[$c]} on 127.0.0.1 is taken by another process (stop it, or set the port variable in scripts/stack/ports.sh)"
  fi
  log "starting $c"
  "${c}_start"
  STARTED_NOW+=("$c")
}

cmd_up() {
  local wanted=("$@")
  [ ${#wanted[@]} -gt 0 ] || wanted=("${COMPONENTS[@]}")
  for c in "${wanted[@]}"; do [[ -v "READY_TIMEOUT[$c]" ]] || die "unknown component '$c' (known: ${COMPONENTS[*]})"; done
  ensure_dirs
  ensure_service_user
  install_all "${wanted[@]}"
  STARTED_NOW=()
  trap 'on_up_failure' EXIT
  local started=$SECONDS
  for c in "${COMPONENTS[@]}"; do [[ " ${wanted[*]} " == *" $c "* ]] && start_component "$c"; done
  for c in "${COMPONENTS[@]}"; do
    [[ " ${wanted[*]} " == *" $c "* ]] || continue
    wait_ready "$c" "${READY_TIMEOUT[$c]}" "${c}_ready"
    if fn_exists "${c}_provision"; then "${c}_provision" || fail_component "$c" "provisioning failed"; fi
  done
  trap - EXIT
  log "stack up: ${wanted[*]} ($((SECONDS - started))s to healthy)"
}

# `up` failed: stop what this run started, so nothing is left half-started.
on_up_failure() {
  local code=$?
  [ $code -eq 0 ] && return
  if [ ${#STARTED_NOW[@]} -gt 0 ]; then
    log "stopping what this run started: ${STARTED_NOW[*]}"
    for c in "${STARTED_NOW[@]}"; do stop_component "$c"; done
  fi
  exit $code
}

stop_component() {
  local c=$1
  if fn_exists "${c}_stop_extra" && is_running "$c"; then "${c}_stop_extra"; fi
  stop_pid "$c"
}

# Stops everything, or the named components (`up` starts them again).
cmd_down() {
  local wanted=" $* "
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    local c=${COMPONENTS[$i]}
    [ $# -eq 0 ] || [[ $wanted == *" $c "* ]] || continue
    if is_running "$c"; then log "stopping $c"; fi
    stop_component "$c"
  done
}

# SIGKILL, as a crash or a lost machine would: no shutdown of its own (the fault tests use it).
cmd_kill() {
  for c in "$@"; do
    local pf; pf=$(pid_file "$c")
    [ -f "$pf" ] || continue
    log "killing $c"
    kill -KILL -- "-$(cat "$pf")" 2>/dev/null || kill -KILL "$(cat "$pf")" 2>/dev/null || true
    rm -f "$pf"
  done
}

cmd_status() {
  printf '%-14s %-8s %-8s %s\n' COMPONENT PID STATE PORT
  for c in "${COMPONENTS[@]}"; do
    local pid=- state=stopped
    if is_running "$c"; then
      pid=$(cat "$(pid_file "$c")")
      if "${c}_ready" >/dev/null 2>&1; then state=ready; else state=starting; fi
    fi
    printf '%-14s %-8s %-8s %s\n' "$c" "$pid" "$state" "${PORT_OF[$c]}"
  done
}

cmd_logs() {
  if [ $# -eq 0 ]; then tail -n 20 -F "$STACK_DIR"/logs/*.log; else tail -n 100 -F "$(log_file "$1")"; fi
}

# Two datasets share the stack's servers: `dev`, what `npm start` uses, and `test`, what `npm test`
# and `npm run bench` use (PASAR_DATASET=test), so neither ever sees the other's data or messages.
cmd_env() {
  # The gateway's rate-limit counters have a Redis database of their own: 2, and 3 for the tests.
  local dataset=${PASAR_DATASET:-dev} postgres_db=pasar redis_db=0 rate_limit_db=2 vhost= prefix=
  case $dataset in
    dev) ;;
    test) postgres_db=pasar_test redis_db=1 rate_limit_db=3 vhost=pasar-test prefix=test_ ;;
    *) die "PASAR_DATASET must be dev or test, not '$dataset'" ;;
  esac
  cat <<EOF
PASAR_DATASET=$dataset
DAPR_BIN_DIR=$STACK_DIR/dapr/.dapr/bin
DAPRD=$(dapr_binary daprd)
DAPR_RUNTIME_PATH=$STACK_DIR/dapr
PUBSUB_REDIS_HOST=127.0.0.1:$REDIS_PORT
PUBSUB_REDIS_DB=$redis_db
STATESTORE_REDIS_HOST=127.0.0.1:$REDIS_PORT
STATESTORE_REDIS_DB=$redis_db
RATE_LIMIT_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$rate_limit_db
PUBSUB_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT${vhost:+/$vhost}
DAPR_NAME_RESOLUTION_DB=$STACK_DIR/dapr/name-resolution.db
POSTGRES_ADMIN_URL=postgres://postgres@127.0.0.1:$POSTGRES_PORT/$postgres_db
ELASTICSEARCH_URL=http://127.0.0.1:$ELASTICSEARCH_PORT
MONGODB_URL=mongodb://127.0.0.1:$FERRETDB_PORT
MONGODB_DATABASE=${prefix}product
CATALOG_INDEX_PREFIX=${prefix}products
INFLUXDB_URL=http://127.0.0.1:$INFLUXDB_PORT
INFLUXDB_BUCKET=${prefix}pasar/autogen
SMTP_HOST=127.0.0.1
SMTP_PORT=$SMTP_PORT
MAILPIT_URL=http://127.0.0.1:$MAILPIT_HTTP_PORT
EOF
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  kill) shift; cmd_kill "$@" ;;
  status) cmd_status ;;
  logs) shift; cmd_logs "$@" ;;
  clean) cmd_down; rm -rf "$(service_state_dir)" "$STACK_DIR"; log "removed $STACK_DIR" ;;
  env) cmd_env ;;
  rabbitmqctl) shift; (rabbitmq_env; exec /usr/lib/rabbitmq/bin/rabbitmqctl "$@") ;;
  install) shift; ensure_dirs; install_all "${@:-${COMPONENTS[@]}}" ;;
  *) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
