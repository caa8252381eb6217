#!/usr/bin/env bash
# npm run bench: brings the stack up (as npm test does) and runs every benchmark in bench/, printing
# figures. Benchmarks are measurements, not pass/fail tests. BENCH_CONCURRENCY / BENCH_REQUESTS /
# BENCH_SECONDS tune them.
#   npm run bench -- --json [file]   also writes every recorded figure to one JSON file
#                                    (default .stack/artifacts/bench-<UTC time>.json)
set -euo pipefail
export PASAR_DATASET=test
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"
json_file=""
while [ $# -gt 0 ]; do
  case $1 in
    --json)
      json_file=".stack/artifacts/bench-$(date -u +%Y%m%dT%H%M%SZ).json"
      if [ $# -gt 1 ] && [ "${2#--}" = "$2" ]; then json_file=$2; shift; fi
      ;;
  esac
  shift
done
ensure_node_modules
"${STACK[@]}" up
export_stack_env
reset_test_dataset
trap reset_test_dataset EXIT
if [ -n "$json_file" ]; then
  BENCH_JSON_DIR=$(mktemp -d)
  export BENCH_JSON_DIR
fi
for bench in bench/*.ts; do
  say "== $bench"
  # Each bench from an empty dataset: what one leaves (a backlog of messages in the test broker, say)
  # would load the next one's system.
  reset_test_dataset
  node "$bench"
done
if [ -n "$json_file" ]; then
  node bench/load/gather-figures.ts "$BENCH_JSON_DIR" "$json_file"
  rm -rf "$BENCH_JSON_DIR"
  say "every recorded figure: $json_file"
fi
