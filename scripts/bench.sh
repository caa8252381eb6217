#!/usr/bin/env bash
# npm run bench: brings the stack up (as npm test does) and runs every benchmark in bench/, printing
# figures. Benchmarks are measurements, not pass/fail tests. BENCH_CONCURRENCY / BENCH_REQUESTS tune them.
set -euo pipefail
export PASAR_DATASET=test
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"
ensure_node_modules
"${STACK[@]}" up
export_stack_env
reset_test_dataset
trap reset_test_dataset EXIT
for bench in bench/*.ts; do
  say "== $bench"
  node "$bench"
done
