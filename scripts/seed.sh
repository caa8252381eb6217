#!/usr/bin/env bash
# npm run seed [-- --products N]: a stocked shop in the running system (npm start), through its APIs.
# Running it again changes nothing (stable SKUs, emails and Idempotency-Keys). See scripts/seed/seed.ts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT"
ensure_node_modules
exec node scripts/seed/seed.ts "$@"
