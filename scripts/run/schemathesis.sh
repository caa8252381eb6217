#!/usr/bin/env bash
# Runs Schemathesis (the property-based API tester of tests/e2e/api-properties.test.ts) with the
# given arguments. The first run on a machine installs it from PyPI into a venv shared by every
# checkout, keyed by its version; later runs start at once.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"
SCHEMATHESIS_VERSION=4.32.5
VENV=$PASAR_CACHE/venv/schemathesis-$SCHEMATHESIS_VERSION

# A venv is not relocatable, so it is built in place; the stamp says the build finished.
mkdir -p "$PASAR_CACHE/venv"
exec 9>"$VENV.lock"
flock 9
if [ ! -f "$VENV/.installed" ]; then
  say "installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
  touch "$VENV/.installed"
fi
flock -u 9
exec 9>&-
exec "$VENV/bin/schemathesis" "$@"
