#!/usr/bin/env bash
# The Docker engine for the compose journeys (tests/compose) and .ci/run, on a Debian machine with no
# Docker: Debian's docker.io (dockerd 20.10, no buildx: the legacy builder) and Compose v2+ built from
# its Go module (Debian's docker-compose 1.29 rejects the file's top-level `name:`).
#   engine.sh up       install docker.io when missing, start dockerd when none answers, build compose
#   engine.sh down     stop the dockerd this script started (never one it found running)
#   engine.sh compose  build compose only (cached by version) and install it as the CLI plugin
# A dockerd started here keeps its images under the cache (PASAR_CACHE/docker/data-root), so the
# images built once are there for the next run, logs to PASAR_CACHE/docker/dockerd.log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SAY_AS=docker-engine

COMPOSE_VERSION=5.6.0  # `go install` refuses it (its go.mod has exclude directives): built inside a module copy
COMPOSE_MODULE=github.com/docker/compose/v5
ENGINE_DIR=$PASAR_CACHE/docker
DOCKERD_PID=$ENGINE_DIR/dockerd.pid
DOCKERD_LOG=$ENGINE_DIR/dockerd.log
COMPOSE_BINARY=$BIN_CACHE/docker-compose-$COMPOSE_VERSION
# Where the docker CLI looks for its plugins: `docker compose` (and testcontainers, which calls it) finds it there.
CLI_PLUGINS=${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins

engine_answers() { docker info >/dev/null 2>&1; }

ensure_docker_packages() {
  command -v dockerd >/dev/null && return 0
  apt_install docker.io
}

start_dockerd() {
  engine_answers && { say "a Docker engine already answers: using it"; return 0; }
  mkdir -p "$ENGINE_DIR/data-root"
  say "starting dockerd (data root $ENGINE_DIR/data-root, log $DOCKERD_LOG)"
  : >"$DOCKERD_LOG"
  setsid dockerd --data-root "$ENGINE_DIR/data-root" --pidfile "$ENGINE_DIR/dockerd.own.pid" >>"$DOCKERD_LOG" 2>&1 </dev/null &
  echo $! >"$DOCKERD_PID"
  local started=$SECONDS
  until engine_answers; do
    pid_file_alive "$DOCKERD_PID" || { tail -n 30 "$DOCKERD_LOG" >&2; rm -f "$DOCKERD_PID"; die "dockerd exited before it answered"; }
    (( SECONDS - started < 60 )) || { tail -n 30 "$DOCKERD_LOG" >&2; die "dockerd did not answer within 60s"; }
    sleep 0.5
  done
  say "dockerd $(docker version --format '{{.Server.Version}}') ready ($((SECONDS - started))s)"
}

stop_dockerd() {
  pid_file_alive "$DOCKERD_PID" || { rm -f "$DOCKERD_PID"; say "no dockerd of ours is running"; return 0; }
  local running; running=$(docker ps -q 2>/dev/null || true)
  # shellcheck disable=SC2086 # one container id per word
  [ -z "$running" ] || { say "stopping $(echo $running | wc -w) container(s)"; docker stop -t 10 $running >/dev/null || true; }
  say "stopping the dockerd this script started"
  stop_pid_file "$DOCKERD_PID"
}

ensure_compose() {
  if [ ! -x "$COMPOSE_BINARY" ]; then
    say "building Compose $COMPOSE_VERSION from the Go module proxy (first time only; ~3 min)"
    local dir; dir=$(module_copy docker-compose "$COMPOSE_VERSION" "$COMPOSE_MODULE")
    build_in_module "$dir" docker-compose "$COMPOSE_VERSION" ./cmd "" "-X $COMPOSE_MODULE/internal.Version=v$COMPOSE_VERSION"
  fi
  mkdir -p "$CLI_PLUGINS"
  ln -sf "$COMPOSE_BINARY" "$CLI_PLUGINS/docker-compose"
}

main() {
  mkdir -p "$BIN_CACHE" "$PASAR_CACHE/build" "$ENGINE_DIR"
  case ${1:-} in
    up) ensure_docker_packages; start_dockerd; ensure_compose ;;
    down) stop_dockerd ;;
    compose) ensure_compose ;;
    *) die "usage: engine.sh up|down|compose" ;;
  esac
}

main "$@"
