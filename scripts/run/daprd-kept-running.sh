#!/usr/bin/env bash
# daprd as `dapr run -f` starts it for npm start: started again when it dies, as Kubernetes restarts a
# sidecar container (the dapr CLI would leave it dead). Args: the real daprd, then daprd's own.
daprd=$1
shift
case " $* " in *" --version "*) exec "$daprd" "$@" ;; esac
app_id=unknown prev=
for arg in "$@"; do
  [ "$prev" = --app-id ] && app_id=$arg
  prev=$arg
done
KEEP_RUNNING_NAME="daprd of $app_id" exec bash "$(dirname "${BASH_SOURCE[0]}")/keep-running.sh" "$daprd" "$@"
