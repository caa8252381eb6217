# shellcheck shell=bash
# RabbitMQ from Debian, a node of its own (own mnesia dir, cookie and ports), for the broker swap.
RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
RABBITMQ_DIST_PORT=${RABBITMQ_DIST_PORT:-25672}
describe_component rabbitmq --port "$RABBITMQ_PORT" --ready-within 120 --debian "rabbitmq-server"

# The node's environment, for the server and for rabbitmqctl (`npm run stack -- rabbitmqctl`).
rabbitmq_node_env() {
  local base; base=$(data_dir rabbitmq)
  export HOME=$base RABBITMQ_NODENAME=pasar@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT=$RABBITMQ_PORT RABBITMQ_DIST_PORT=$RABBITMQ_DIST_PORT \
    RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log RABBITMQ_CONFIG_FILE=$base/rabbitmq \
    RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_LOGS=- RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rabbitmq_start() {
  local base; base=$(data_dir rabbitmq)
  mkdir -p "$base/mnesia" "$base/log"
  [ -f "$base/.erlang.cookie" ] || { head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$base/.erlang.cookie"; chmod 400 "$base/.erlang.cookie"; }
  printf '[].\n' >"$base/enabled_plugins"
  printf 'loopback_users.guest = false\nlisteners.tcp.default = %s\n' "$RABBITMQ_PORT" >"$base/rabbitmq.conf"
  (rabbitmq_node_env; spawn rabbitmq /usr/lib/rabbitmq/bin/rabbitmq-server)
}

rabbitmq_health() { (rabbitmq_node_env; /usr/lib/rabbitmq/bin/rabbitmq-diagnostics -q check_port_connectivity); }

rabbitmq_stop() { (rabbitmq_node_env; /usr/lib/rabbitmq/bin/rabbitmqctl -q stop >/dev/null 2>&1 || true); }

rabbitmq_env() {
  local vhost; vhost=$(by_dataset '' pasar-test)
  echo "PUBSUB_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$RABBITMQ_PORT${vhost:+/$vhost}"
}
