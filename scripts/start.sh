#!/usr/bin/env bash
# npm start: on a fresh machine, does every step (npm install, type check, the native stack, all eight
# apps each beside its own daprd via `dapr run -f`), then prints every app, its URL and its health.
#   npm start                       runs in the foreground; Ctrl-C stops the apps (the stack stays up)
#   npm start -- --detach           returns once everything is healthy; `npm stop` stops the apps
#   PASAR_BROKER=rabbitmq npm start  the same system on RabbitMQ instead of Redis Streams
#   npm start -- --seed             then fills the shop (npm run seed: products, customers, orders)
set -euo pipefail
started_ms=$(date +%s%3N)
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"
detach=0
seed=0
for arg in "$@"; do
  case $arg in
    --detach) detach=1 ;;
    --seed) seed=1 ;;
  esac
done

# PASAR_SKIP_SETUP=1: the caller (npm test) has installed, type checked and started the stack.
if [ "${PASAR_SKIP_SETUP:-0}" != 1 ]; then
  ensure_node_modules
  say "type checking"
  npx tsc -p tsconfig.json
  npx tsc -p web/tsconfig.json
  node scripts/run/build-storefront.ts
  "${STACK[@]}" up
fi
export_stack_env
# Each daprd sends APP_API_TOKEN to its app and takes API calls only with DAPR_API_TOKEN (the dapr CLI
# hands its environment to both): on a laptop the development values of packages/contracts
# (DevelopmentSecret), which the apps accept only in DEVELOPMENT_MODE; set your own to override.
export APP_API_TOKEN=${APP_API_TOKEN:-pasar-development-app-api-token}
export DAPR_API_TOKEN=${DAPR_API_TOKEN:-pasar-development-dapr-api-token}
# Every client of the tests' whole system is this one machine's address: the gateway's per-address
# limits would refuse the suite's shoppers (the limit tests set their own limits on their own gateway).
if [ "$PASAR_DATASET" = test ]; then
  export RATE_LIMIT_PER_MINUTE=${RATE_LIMIT_PER_MINUTE:-1000000} AUTH_ATTEMPTS_PER_ADDRESS=${AUTH_ATTEMPTS_PER_ADDRESS:-1000000}
fi

stop_apps
# RabbitMQ keeps nothing published to an exchange without a queue: bind one to each dead-letter exchange.
if [ "${PASAR_BROKER:-redis}" = rabbitmq ]; then node scripts/run/dead-letters.ts keep; fi
run_file=$(node scripts/run/run-file.ts)
say "starting the apps with the dapr CLI: dapr run -f ${run_file#"$REPO_ROOT"/} (broker: ${PASAR_BROKER:-redis}, dataset: $PASAR_DATASET)"
mkdir -p "$(dirname "$APPS_LOG")" "$(dirname "$APPS_PID_FILE")"
setsid "$DAPR_BIN_DIR/dapr" run -f "$run_file" >"$APPS_LOG" 2>&1 </dev/null &
echo $! >"$APPS_PID_FILE"

if ! node scripts/apps-status.ts --wait --since "$started_ms"; then
  say "some apps did not become ready; the last lines of $APPS_LOG:"
  tail -n 40 "$APPS_LOG" >&2
  say "what listens on the apps' and sidecars' HTTP ports (3000-3007, 3500-3507):"
  ss -ltnpH '( sport >= :3000 and sport <= :3007 ) or ( sport >= :3500 and sport <= :3507 )' >&2 || true
  stop_apps
  exit 1
fi
elapsed_ms=$(($(date +%s%3N) - started_ms))
say "every app ready $((elapsed_ms / 1000)).$(((elapsed_ms % 1000) / 100)) s after npm start began (READY AFTER: each app's)"

if [ $seed = 1 ]; then
  say "seeding the shop (npm run seed)"
  node scripts/seed/seed.ts >/dev/null || { say "the seed failed; the apps keep running"; }
fi

if [ $detach = 1 ]; then
  say "running in the background: logs in .stack/logs/apps.log, stop with 'npm stop'"
  exit 0
fi
trap 'stop_apps; exit 0' INT TERM
say "running; Ctrl-C stops the apps (the stack keeps running: npm run stack -- down)"
tail -n +1 -f "$APPS_LOG" &
wait "$(cat "$APPS_PID_FILE")"
