#!/usr/bin/env bash
# daprd as `dapr run -f` starts it for npm start: started again when it dies, as Kubernetes restarts a
# sidecar container (the dapr CLI would leave it dead). Args: the real daprd, then daprd's own.
# With the stack's Sentry in the environment (DAPR_SENTRY_ADDRESS, DAPR_TRUST_ANCHORS_FILE), it joins
# it: mTLS between sidecars, and the caller identities components/config.yaml's access control needs.
daprd=$1
shift
case " $* " in *" --version "*) exec "$daprd" "$@" ;; esac
# Pasar uses no actors, workflows or jobs, so its sidecars dial no placement or scheduler (dapr.yaml
# leaves both empty, yet dapr CLI 1.16.5 still passes a newer daprd --scheduler-host-address
# localhost:50006): both addresses are dropped here.
app_id=unknown prev='' args=()
for arg in "$@"; do
  [ "$prev" = --app-id ] && app_id=$arg
  case "$prev $arg" in
    --placement-host-address\ * | --scheduler-host-address\ * | *\ --placement-host-address | *\ --scheduler-host-address) ;;
    *) args+=("$arg") ;;
  esac
  prev=$arg
done
set -- "${args[@]}"
mtls=()
if [ -n "${DAPR_SENTRY_ADDRESS:-}" ] && [ -s "${DAPR_TRUST_ANCHORS_FILE:-}" ]; then
  mtls=(--enable-mtls --sentry-address "$DAPR_SENTRY_ADDRESS")
  DAPR_TRUST_ANCHORS=$(cat "$DAPR_TRUST_ANCHORS_FILE")
  export DAPR_TRUST_ANCHORS
fi
KEEP_RUNNING_NAME="daprd of $app_id" exec bash "$(dirname "${BASH_SOURCE[0]}")/keep-running.sh" "$daprd" "$@" "${mtls[@]}"
