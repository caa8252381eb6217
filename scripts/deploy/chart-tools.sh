#!/usr/bin/env bash
# The tools that check deploy/helm/pasar without a cluster (tests/deploy/chart.test.ts), pinned in
# this file (Dapr's from scripts/stack/components/dapr.sh) and cached by version in ~/.cache/pasar (PASAR_CACHE):
#   - helm and kubeconform, built from the Go module proxy (first time only: a few minutes);
#   - the Kubernetes JSON schemas of CHART_KUBERNETES_VERSIONS from PyPI's kubernetes-validate, made
#     offline (no `$id`, relative `$ref`s), so kubeconform never looks anything up on the network;
#   - the Dapr CRDs of the Dapr version the stack runs (the dapr module's charts/dapr/crds), as
#     strict JSON schemas, and the pod annotations its sidecar injector knows.
# Progress goes to stderr; stdout gets KEY=value lines: HELM, KUBECONFORM, KUBERNETES_SCHEMAS,
# KUBERNETES_VERSIONS, DAPR_SCHEMAS.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
source "$REPO_ROOT/scripts/stack/components/dapr.sh"
SAY_AS=chart-tools
log() { say "$@"; }

HELM_VERSION=3.22.0
KUBECONFORM_VERSION=0.8.0
KUBERNETES_VALIDATE_VERSION=1.37.0  # PyPI; ships the Kubernetes JSON schemas, so they are offline
# The chart is validated against the oldest and the newest Kubernetes it supports (Chart.yaml kubeVersion).
CHART_KUBERNETES_VERSIONS="1.32.0 1.37.0"

SCHEMA_CACHE=$PASAR_CACHE/schemas
KUBERNETES_SCHEMAS=$SCHEMA_CACHE/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION
DAPR_SCHEMAS=$SCHEMA_CACHE/dapr-$DAPR_RUNTIME_VERSION

kubernetes_schemas() {
  local missing=() version venv source
  for version in $CHART_KUBERNETES_VERSIONS; do
    [ -f "$KUBERNETES_SCHEMAS/v$version-local-strict/_definitions.json" ] || missing+=("$version")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  venv=$(ensure_pip_venv kubernetes-validate "$KUBERNETES_VALIDATE_VERSION")
  source=$("$venv/bin/python" -c 'import kubernetes_validate, os; print(os.path.dirname(kubernetes_validate.__file__))')/kubernetes-json-schema
  for version in "${missing[@]}"; do
    [ -d "$source/v$version-local-strict" ] || die "kubernetes-validate $KUBERNETES_VALIDATE_VERSION has no schemas for Kubernetes $version"
    node "$REPO_ROOT/scripts/deploy/offline-schemas.ts" kubernetes "$source/v$version-local-strict" "$KUBERNETES_SCHEMAS/v$version-local-strict"
  done
}

dapr_schemas() {
  [ -f "$DAPR_SCHEMAS/annotations.json" ] && return 0
  log "converting the Dapr $DAPR_RUNTIME_VERSION CRDs to JSON schemas"
  local module; module=$(go mod download -json "github.com/dapr/dapr@v$DAPR_RUNTIME_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  [ -n "$module" ] || die "could not download github.com/dapr/dapr@v$DAPR_RUNTIME_VERSION from the Go module proxy"
  node "$REPO_ROOT/scripts/deploy/offline-schemas.ts" dapr "$module" "$DAPR_SCHEMAS"
}

# helm's version, and the Kubernetes version it assumes without a cluster or --kube-version (helm's
# Makefile sets it; without it, it is 1.20): the newest one the chart is validated against.
helm_ldflags() {
  local newest=${CHART_KUBERNETES_VERSIONS##* } flags="-X helm.sh/helm/v3/internal/version.version=v$HELM_VERSION -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  local major=${newest%%.*} minor; minor=${newest#*.}; minor=${minor%%.*}
  for pkg in chartutil lint/rules; do flags+=" -X helm.sh/helm/v3/pkg/$pkg.k8sVersionMajor=$major -X helm.sh/helm/v3/pkg/$pkg.k8sVersionMinor=$minor"; done
  echo "$flags"
}

main() {
  local started=$SECONDS
  ensure_node
  mkdir -p "$BIN_CACHE" "$PASAR_CACHE/build" "$SCHEMA_CACHE"
  # One setup at a time per machine: the builds share their folders under the cache.
  exec 8>"$PASAR_CACHE/chart-tools.lock"
  flock 8
  build_go_tool helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm "$(helm_ldflags)"
  build_go_tool kubeconform "$KUBECONFORM_VERSION" github.com/yannh/kubeconform/cmd/kubeconform "-X main.version=v$KUBECONFORM_VERSION"
  kubernetes_schemas
  dapr_schemas
  flock -u 8
  (( SECONDS - started < 2 )) || log "chart tools ready ($((SECONDS - started))s)"
  printf '%s\n' "HELM=$BIN_CACHE/helm-$HELM_VERSION" "KUBECONFORM=$BIN_CACHE/kubeconform-$KUBECONFORM_VERSION" \
    "KUBERNETES_SCHEMAS=$KUBERNETES_SCHEMAS" "KUBERNETES_VERSIONS=$CHART_KUBERNETES_VERSIONS" "DAPR_SCHEMAS=$DAPR_SCHEMAS"
}

main "$@"
