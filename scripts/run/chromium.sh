#!/usr/bin/env bash
# The browser the storefront's tests drive: Debian's chromium at /usr/bin/chromium, installed once
# when missing (playwright-core downloads no browser of its own). Prints the binary's path.
set -euo pipefail
CHROMIUM=${PASAR_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  printf '%s [pasar] installing Debian'"'"'s chromium for the browser tests (first time only)\n' "$(date +%H:%M:%S)" >&2
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends chromium >&2
fi
echo "$CHROMIUM"
