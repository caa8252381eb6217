# shellcheck shell=bash
# PASAR_STACK=containers, sourced by stack.sh: the stores run in containers that testcontainers starts
# (containers.ts), on host ports Docker picks; Dapr's programs (daprd, sentry) still run
# here, from the native build or the user's Dapr install (dapr.sh). For a machine with Docker and no
# Debian build of the servers: `PASAR_STACK=containers npm test`.
STORE_COMPONENTS=(postgres redis rabbitmq elasticsearch ferretdb influxdb mailpit zipkin)
DAPR_PROGRAMS=(dapr sentry)
# The host ports, as the components' port variables (POSTGRES_PORT=32768 ...): stack.sh sources it
# before the component files, so their _env functions print the containers' addresses.
CONTAINER_PORTS_FILE=$STACK_DIR/run/containers.env
CONTAINER_PREFIX=pasar-stack-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)

container_of() { echo "$CONTAINER_PREFIX-$1"; }
store_containers() { docker ps -q "$@" --filter "label=dev.pasar.checkout=$REPO_ROOT"; }
store_containers_up() { [ -f "$CONTAINER_PORTS_FILE" ] && [ "$(store_containers | wc -l)" -eq ${#STORE_COMPONENTS[@]} ]; }

remove_store_containers() {
  local ids; ids=$(store_containers -a)
  if [ -n "$ids" ]; then say "removing the store containers"; echo "$ids" | xargs docker rm -f -v >/dev/null; fi
  rm -f "$CONTAINER_PORTS_FILE"
}

start_store_containers() {
  docker info >/dev/null 2>&1 || die "PASAR_STACK=containers needs a Docker engine, and none answers (docker info)"
  store_containers_up && return 0
  remove_store_containers
  ensure_node
  say "starting the stores in containers (the first run pulls their images)"
  mkdir -p "$(dirname "$CONTAINER_PORTS_FILE")"
  # No Ryuk: it would remove the containers when this command ends, and they serve the tests after it.
  TESTCONTAINERS_RYUK_DISABLED=true node "$REPO_ROOT/scripts/stack/containers.ts" "$CONTAINER_PREFIX" "$REPO_ROOT" >"$CONTAINER_PORTS_FILE.new" ||
    { remove_store_containers; die "the store containers did not start"; }
  mv "$CONTAINER_PORTS_FILE.new" "$CONTAINER_PORTS_FILE"
  # shellcheck source=/dev/null
  source "$CONTAINER_PORTS_FILE"
  provision_store_containers
}

# What the native components' _provision functions make, for `npm start` (the tests lay out their own).
provision_store_containers() {
  docker exec -i "$(container_of postgres)" psql -U postgres -v ON_ERROR_STOP=1 -q -d postgres -c 'create database pasar' >/dev/null
  docker exec -i "$(container_of postgres)" psql -U postgres -v ON_ERROR_STOP=1 -q -d pasar <"$REPO_ROOT/infra/postgres/init.sql" >/dev/null
  influxdb_provision
}

containers_up() {
  ensure_dirs
  start_store_containers
  cmd_up "${DAPR_PROGRAMS[@]}"
}

containers_down() {
  cmd_down "${DAPR_PROGRAMS[@]}"
  if docker info >/dev/null 2>&1; then remove_store_containers; fi
}

containers_status() {
  cmd_status sentry
  docker ps -a --filter "label=dev.pasar.checkout=$REPO_ROOT" --format 'table {{.Label "dev.pasar.component"}}\t{{.Status}}\t{{.Ports}}'
}

# kill and logs: a store is its container, Dapr's programs are processes here.
containers_kill() {
  local c
  for c in "$@"; do
    if [[ " ${STORE_COMPONENTS[*]} " == *" $c "* ]]; then say "killing $c"; docker kill "$(container_of "$c")" >/dev/null; else cmd_kill "$c"; fi
  done
}

containers_logs() {
  if [ $# -eq 1 ] && [[ " ${STORE_COMPONENTS[*]} " == *" $1 "* ]]; then docker logs -f --tail 100 "$(container_of "$1")"; else cmd_logs "$@"; fi
}

containers_rabbitmqctl() { docker exec "$(container_of rabbitmq)" rabbitmqctl "$@"; }
