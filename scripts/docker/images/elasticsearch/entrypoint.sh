#!/bin/bash
# As the official image: every environment variable whose name has a dot (discovery.type,
# xpack.security.enabled, ...) is a setting; ES_JAVA_OPTS is read by bin/elasticsearch itself.
set -euo pipefail
settings=(-E network.host=0.0.0.0 -E path.data=/usr/share/elasticsearch/data -E path.logs=/usr/share/elasticsearch/logs)
while IFS='=' read -r name value; do
  if [[ $name == *.* ]]; then settings+=(-E "$name=$value"); fi
done < <(env)
exec bin/elasticsearch "${settings[@]}" "$@"
