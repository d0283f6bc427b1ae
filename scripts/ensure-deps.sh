#!/usr/bin/env bash
# Installs what `npm test` and `npm run demo` need on a fresh clone, and nothing when it is
# already there: node_modules in step with package-lock.json, and a Chromium for Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

# npm writes node_modules/.package-lock.json on every install; if the lock is newer, or the
# native SQLite binding is missing, the tree is stale.
if [ ! -f node_modules/.package-lock.json ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || [ ! -f node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "› installing dependencies (npm ci; better-sqlite3 compiles from source, ~1 min)"
  npm ci --no-audit --no-fund
fi

if [ "${1:-}" = "--browser" ]; then
  if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]; then
    [ -x "$PLAYWRIGHT_CHROMIUM_PATH" ] || { echo "PLAYWRIGHT_CHROMIUM_PATH=$PLAYWRIGHT_CHROMIUM_PATH is not an executable" >&2; exit 1; }
  elif [ -x /usr/bin/chromium ]; then
    :
  elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "› installing Debian chromium for Playwright"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "› installing Playwright's Chromium"
    npx playwright install chromium
  fi
fi
