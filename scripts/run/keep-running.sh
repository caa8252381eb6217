#!/usr/bin/env bash
# Runs an app and starts it again when it exits on its own, with backoff (1 s doubling to 30 s,
# back to 1 s after a minute up), as compose's `restart: unless-stopped` and Kubernetes do:
# `dapr run -f` leaves a dead app dead. TERM or INT is passed on to the app and ends the loop.
#   keep-running.sh node src/main.ts
set -u
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SAY_AS=keep-running
name=${KEEP_RUNNING_NAME:-${APP_ID:-$(basename "$PWD")}}
delay=1 max_delay=30 stable_after=60
child=0 stopping=0

stop() {
  stopping=1
  [ "$child" -gt 0 ] && kill -TERM "$child" 2>/dev/null
}
trap stop TERM INT

while :; do
  started=$SECONDS
  "$@" &
  child=$!
  wait "$child"
  code=$?
  # A trapped signal ends `wait` early: wait again for the app's own exit.
  while kill -0 "$child" 2>/dev/null; do wait "$child"; code=$?; done
  [ "$stopping" = 1 ] && exit "$code"
  (( SECONDS - started >= stable_after )) && delay=1
  say "$name exited with code $code; starting it again in ${delay}s"
  sleep "$delay" &
  wait $!
  [ "$stopping" = 1 ] && exit "$code"
  delay=$(( delay * 2 > max_delay ? max_delay : delay * 2 ))
done
