#!/usr/bin/env bash
# npm run status: the table `npm start` ends with (every app, its URL, its sidecar and its health).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
exec node "$REPO_ROOT/scripts/apps-status.ts" "$@"
