#!/usr/bin/env bash
# npm run load: the shop-shaped load (bench/load/shop.ts) against the running system (npm start, seeded).
#   npm run load -- --rate 20 --duration 30 [--error-budget 0.01] [--json file]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"
exec node bench/load/shop.ts "$@"
