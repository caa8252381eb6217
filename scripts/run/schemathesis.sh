#!/usr/bin/env bash
# Runs Schemathesis (the property-based API tester of tests/e2e/api-properties.test.ts) with the
# given arguments. The first run on a machine installs it from PyPI into a venv shared by every
# checkout, keyed by its version; later runs start at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SCHEMATHESIS_VERSION=4.32.5
VENV=$(ensure_pip_venv schemathesis "$SCHEMATHESIS_VERSION")
exec "$VENV/bin/schemathesis" "$@"
