#!/bin/bash
# As the official rabbitmq image: node rabbit@<hostname>, data in /var/lib/rabbitmq, the guest user
# allowed from other hosts, RABBITMQ_DEFAULT_USER/PASS/VHOST honoured, the management plugin on.
set -euo pipefail
if [ "$1" = rabbitmq-server ]; then
  {
    echo "loopback_users.guest = false"
    echo "listeners.tcp.default = 5672"
    echo "management.tcp.port = 15672"
    if [ -n "${RABBITMQ_DEFAULT_USER:-}" ]; then echo "default_user = $RABBITMQ_DEFAULT_USER"; fi
    if [ -n "${RABBITMQ_DEFAULT_PASS:-}" ]; then echo "default_pass = $RABBITMQ_DEFAULT_PASS"; fi
    if [ -n "${RABBITMQ_DEFAULT_VHOST:-}" ]; then echo "default_vhost = $RABBITMQ_DEFAULT_VHOST"; fi
  } >/etc/rabbitmq/rabbitmq.conf
  echo '[rabbitmq_management].' >/etc/rabbitmq/enabled_plugins
  if [ "$(id -u)" = 0 ]; then
    chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq
    exec runuser -u rabbitmq -- /usr/lib/rabbitmq/bin/rabbitmq-server
  fi
  exec /usr/lib/rabbitmq/bin/rabbitmq-server
fi
exec "$@"
