#!/usr/bin/env bash
# Installs headless Chromium and a CJK font for the dashboard's browser tests. Idempotent, and never fails the build:
# without apt (or without network) the e2e tests skip with a message instead.
set -u

if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  echo "ci-install-browser: chromium and fonts-noto-cjk already present"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ci-install-browser: apt-get not available; dashboard e2e tests will be skipped" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ci-install-browser: not root and no sudo; dashboard e2e tests will be skipped" >&2
    exit 0
  fi
fi

export DEBIAN_FRONTEND=noninteractive
if $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk; then
  echo "ci-install-browser: installed chromium and fonts-noto-cjk"
else
  echo "ci-install-browser: apt-get install failed; dashboard e2e tests will be skipped" >&2
fi
exit 0
