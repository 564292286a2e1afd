#!/usr/bin/env bash
# The main job: milli's demo, end to end, on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pnpm --silent demo "$@"
