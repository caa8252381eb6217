# Redis from Debian: the default pub/sub broker (Redis Streams).
redis_install() { apt_install redis-server; }

redis_start() {
  own_dir "$(data_dir redis)"
  spawn redis /usr/bin/redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$(data_dir redis)" \
    --appendonly yes --save "" --daemonize no
}

redis_ready() { [ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping)" = PONG ]; }
