#!/usr/bin/env bash
# `npm test`: everything CI checks, from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
start=$(date +%s)

bash scripts/ensure-deps.sh --browser
echo "› typecheck"; npm run --silent typecheck
echo "› lint";      npm run --silent lint
echo "› unit";      npm run --silent test:unit
echo "› e2e";       npm run --silent test:e2e

echo "✓ all checks passed in $(( $(date +%s) - start )) s"
