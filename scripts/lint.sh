#!/usr/bin/env bash
# npm run lint: Prettier (the format, line length included) and ESLint with typescript-eslint (the
# rules in eslint.config.js) over every TypeScript file; fails on any finding.
# npm run lint:fix (--fix): rewrites what both can fix, then lists what is left to fix by hand.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
ensure_node
cd "$REPO_ROOT" || exit 1
FILES=('**/*.ts' eslint.config.js)
status=0
if [ "${1:-}" = --fix ]; then
  # ESLint first: its fixes (type imports) may leave lines for Prettier to wrap.
  npx eslint --fix . || status=1
  npx prettier --write --log-level warn "${FILES[@]}" || status=1
else
  npx prettier --check --log-level warn "${FILES[@]}" || { say "formatting differs in the files above: npm run lint:fix"; status=1; }
  npx eslint . || status=1
fi
exit $status
