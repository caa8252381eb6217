#!/usr/bin/env bash
# npm run dlq -- list|show|replay|keep ...: dead letters on the broker PASAR_BROKER names (redis by
# default). Reaches the native stack's dev dataset unless PUBSUB_REDIS_HOST / PUBSUB_RABBITMQ_URL are set.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
[ -n "${PUBSUB_REDIS_HOST:-}${PUBSUB_RABBITMQ_URL:-}" ] || export_stack_env
exec node "$REPO_ROOT/scripts/run/dead-letters.ts" "$@"
