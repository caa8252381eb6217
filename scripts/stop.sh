#!/usr/bin/env bash
# npm stop: stops the apps and their sidecars; `npm stop -- --all` stops the native stack too.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
stop_apps
for arg in "$@"; do [ "$arg" = --all ] && "${STACK[@]}" down; done
exit 0
