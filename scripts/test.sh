#!/usr/bin/env bash
# npm test: on a fresh machine, does every step (npm install, type check, lint, the native stack with
# both brokers), then runs every test: unit, store integration, and end-to-end over real daprd sidecars.
# Extra arguments go to vitest, e.g. `npm test -- --project unit`.
set -euo pipefail
export PASAR_DATASET=test
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"

phase() { PHASE_NAME=$1; PHASE_START=$SECONDS; say "== $1"; }
phase_done() { say "== $PHASE_NAME took $((SECONDS - PHASE_START))s"; }

phase "npm dependencies"; ensure_node_modules; phase_done
phase "type check"; npx tsc -p tsconfig.json; npx tsc -p web/tsconfig.json; phase_done
# Findings fail the run at the end; the tests still run, so one run shows both.
phase "lint (npm run lint)"; lint_status=0; bash scripts/lint.sh || lint_status=1; phase_done
phase "storefront build (skipped when web/ is unchanged)"; node scripts/run/build-storefront.ts; phase_done
phase "native stack (the first run on a machine builds Dapr and the stores: ~15 min; then seconds)"; "${STACK[@]}" up; phase_done
export_stack_env
phase "Kubernetes chart tools (the first run on a machine builds helm and kubeconform: ~5 min; then instant)"
bash scripts/deploy/chart-tools.sh >/dev/null || say "the chart tools could not be set up: tests/deploy/chart.test.ts will fail and say why"; phase_done

phase "tests (on the test dataset, emptied before and after)"
reset_test_dataset
status=0
run_vitest() {
  local results="$REPO_ROOT/.stack/test-results-$1.json"; shift
  RESULT_FILES+=("$results")
  npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
}
RESULT_FILES=()
if [ $# -gt 0 ]; then
  run_vitest chosen "$@"
else
  # The fault tests kill parts of the stack: they run on their own, after everything else.
  run_vitest suite --project unit --project stores --project e2e
  # The storefront in a real browser over the whole system (its own start.sh): alone, like the faults.
  run_vitest browser --project browser
  run_vitest faults --project faults
fi
reset_test_dataset || status=1
phase_done
# One plain summary line over every run, whatever the runner printed above.
node -e '
  const runs = process.argv.slice(1).map((file) => JSON.parse(require("fs").readFileSync(file, "utf8")));
  const sum = (key) => runs.reduce((total, r) => total + r[key], 0);
  const skipped = sum("numPendingTests") + sum("numTodoTests");
  // A file whose setup failed skips its tests: say so, or "0 failed" would hide it.
  const failedFiles = sum("numFailedTestSuites") ? `; ${sum("numFailedTestSuites")} test file(s) failed` : "";
  console.log(`${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed` + (skipped ? `, ${skipped} skipped` : "") + failedFiles);
' "${RESULT_FILES[@]}" || true
if [ $lint_status != 0 ]; then say "the lint found problems (the lint phase above lists them): npm run lint:fix"; status=1; fi
exit $status
