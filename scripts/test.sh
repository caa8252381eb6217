#!/usr/bin/env bash
# npm test: on a fresh machine, does every step (npm install, type check, lint, the native stack with
# both brokers), then runs every test: unit, store integration, end-to-end over real daprd sidecars,
# faults, and the compose journeys when a Docker engine answers.
# PASAR_STACK=containers: the stores in containers on a Docker engine (scripts/stack/containers.sh), and
# the suite only (unit, stores, end-to-end): the faults and the browser run on the native stack.
# PASAR_SKIP_CHECKS=1: no type check or lint (CI's second run, over the tree its first run checked).
# Extra arguments go to vitest, e.g. `npm test -- --project unit`.
set -euo pipefail
export PASAR_DATASET=test
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"

phase() { PHASE_NAME=$1; PHASE_START=$SECONDS; say "== $1"; }
phase_done() { say "== $PHASE_NAME took $((SECONDS - PHASE_START))s"; }

phase "npm dependencies"; ensure_node_modules; phase_done
lint_status=0
if [ "${PASAR_SKIP_CHECKS:-0}" != 1 ]; then
  phase "type check"; npx tsc -p tsconfig.json; npx tsc -p web/tsconfig.json; phase_done
  # Findings fail the run at the end; the tests still run, so one run shows both.
  phase "lint (npm run lint)"; bash scripts/lint.sh || lint_status=1; phase_done
fi
phase "storefront build (skipped when web/ is unchanged)"; node scripts/run/build-storefront.ts; phase_done
if [ "${PASAR_STACK:-native}" = containers ]; then
  phase "the stores in containers (the first run pulls their images), Dapr's programs here"
else
  phase "native stack (the first run on a machine builds Dapr and the stores: ~15 min; then seconds)"
fi
"${STACK[@]}" up; phase_done
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
  run_vitest suite --project unit --project stores --project e2e
  if [ "${PASAR_STACK:-native}" != containers ]; then
    # The storefront in a real browser over the whole system (its own start.sh): alone, like the faults.
    run_vitest browser --project browser
    # The fault tests kill parts of the native stack: they run on their own, after everything else.
    run_vitest faults --project faults
    # docker-compose.yml for real, when there is an engine to run it (.ci/run starts one and requires it).
    if docker info >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
      run_vitest compose --project compose
    elif [ "${PASAR_REQUIRE_DOCKER:-0}" = 1 ]; then
      say "no Docker engine (or no docker compose) answers, and PASAR_REQUIRE_DOCKER=1: the compose journeys cannot run"; status=1
    else
      say "no Docker engine answers: the compose journeys (tests/compose) do not run"
    fi
  fi
fi
reset_test_dataset || status=1
phase_done
node scripts/run/test-summary.ts "${RESULT_FILES[@]}" || true
if [ $lint_status != 0 ]; then say "the lint found problems (the lint phase above lists them): npm run lint:fix"; status=1; fi
exit $status
