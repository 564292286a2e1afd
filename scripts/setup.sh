#!/usr/bin/env bash
# Installs what milli needs and is missing, idempotently: Debian packages, pnpm, the npm dependencies.
# Sourced or run by scripts/demo.sh and scripts/test.sh; safe to run again at any time.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
# libyang2: the YANG engine behind yang-ts; libyang2-tools: yanglint, the reference we test against.
# netconfd, yangcli, openssh-server, python3-ncclient: third-party NETCONF peers for interop tests.
# libyuma-base: ietf-netconf, ietf-netconf-monitoring, ietf-netconf-with-defaults modules for yang-ts (netconfd pulls it in too).
# libnetconf2-dev, libssh-dev, libssl-dev (its headers include theirs), gcc, libc6-dev, pkg-config: the test suite's
# libnetconf2 client (test/interop/nc2client), compiled by the tests and bench:netconf into a temp dir.
# iproute2: `ip netns` for the lab.
DEBIAN_PACKAGES=(libyang2 libyang2-tools netconfd yangcli libyuma-base openssh-server python3-ncclient
  libnetconf2-dev libssh-dev libssl-dev gcc libc6-dev pkg-config iproute2 chromium fonts-noto-cjk)

missing=()
for pkg in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "milli needs these Debian packages and this machine has no apt-get: please install ${missing[*]} with your package manager, then run this again." >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "milli needs root to install Debian packages: please run 'sudo apt-get install -y --no-install-recommends ${missing[*]}', then run this again." >&2
      exit 1
    fi
  fi
  echo "setup: installing Debian packages: ${missing[*]}"
  # --no-install-recommends: openssh-server would otherwise pull in systemd.
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "10" ]; then
  echo "setup: installing pnpm ${PNPM_VERSION}"
  if ! npm install -g "pnpm@${PNPM_VERSION}" >/dev/null 2>&1; then
    echo "milli needs pnpm 10: please run 'npm install -g pnpm@${PNPM_VERSION}' as a user allowed to, then run this again." >&2
    exit 1
  fi
fi

# A lockfile-exact install; pnpm returns in a second or two when nothing changed.
pnpm install --frozen-lockfile --reporter=silent

# The web console (packages/console), served by `milli serve` under /ui: built into its dist/ when that is missing or
# older than any of its sources. Everything it needs is bundled from node_modules: no network when it runs.
CONSOLE=packages/console
if [ ! -f "$CONSOLE/dist/index.html" ] ||
  [ -n "$(find "$CONSOLE/src" "$CONSOLE/index.html" "$CONSOLE/vite.config.ts" "$CONSOLE/package.json" -newer "$CONSOLE/dist/index.html" -print -quit)" ]; then
  echo "setup: building the web console"
  pnpm --filter @milli/console build >/dev/null
fi
