#!/usr/bin/env bash
# npm test: on a fresh machine, does every step (npm install, type check, the native stack with both
# brokers), then runs every test: unit, store integration, and end-to-end over real daprd sidecars.
# Extra arguments go to vitest, e.g. `npm test -- --project unit`.
set -euo pipefail
export PASAR_DATASET=test
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"

phase() { PHASE_NAME=$1; PHASE_START=$SECONDS; say "== $1"; }
phase_done() { say "== $PHASE_NAME took $((SECONDS - PHASE_START))s"; }

phase "npm dependencies"; ensure_node_modules; phase_done
phase "type check"; npx tsc -p tsconfig.json; phase_done
phase "native stack (the first run on a machine builds Dapr and the stores: ~15 min; then seconds)"; "${STACK[@]}" up; phase_done
export_stack_env

phase "tests (on the test dataset, emptied before and after)"
reset_test_dataset
results="$REPO_ROOT/.stack/test-results.json"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
reset_test_dataset || status=1
phase_done
# One plain summary line, whatever the runner printed above.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file whose setup failed skips its tests: say so, or "0 failed" would hide it.
  const failedFiles = r.numFailedTestSuites ? `; ${r.numFailedTestSuites} test file(s) failed` : "";
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : "") + failedFiles);
' "$results" || true
exit $status
