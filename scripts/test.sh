#!/usr/bin/env bash
# The full test suite: set-up, type check, lint, then every test (unit, interop with third-party peers, lab end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm typecheck
pnpm lint
mkdir -p test-results
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@"
