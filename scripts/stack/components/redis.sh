# shellcheck shell=bash
# Redis from Debian: the default pub/sub broker (Redis Streams), and the state store.
REDIS_PORT=${REDIS_PORT:-6379}
describe_component redis --port "$REDIS_PORT" --ready-within 30 --debian "redis-server"

redis_start() {
  own_dir "$(data_dir redis)"
  spawn redis /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$(data_dir redis)" \
    --appendonly yes --save "" --daemonize no
}

redis_health() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)" = PONG ]; }

# The gateway's rate-limit counters have a Redis database of their own: 2, and 3 for the tests.
redis_env() {
  local db; db=$(by_dataset 0 1)
  printf '%s\n' "PUBSUB_REDIS_HOST=127.0.0.1:$REDIS_PORT" "PUBSUB_REDIS_DB=$db" \
    "STATESTORE_REDIS_HOST=127.0.0.1:$REDIS_PORT" "STATESTORE_REDIS_DB=$db" \
    "RATE_LIMIT_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/$(by_dataset 2 3)"
}
