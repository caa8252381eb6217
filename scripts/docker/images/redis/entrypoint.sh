#!/bin/bash
# As the official redis image: runs as the redis user and, with no config file given, turns protected
# mode off (the container's network is the boundary).
set -euo pipefail
if [ "$1" = redis-server ]; then
  if [[ ${2:-} != *.conf ]]; then set -- "$@" --protected-mode no; fi
  if [ "$(id -u)" = 0 ]; then chown -R redis:redis /data; exec runuser -u redis -- "$@"; fi
fi
exec "$@"
