#!/usr/bin/env bash
# Install everything into .venv, then run the whole test suite (PostgreSQL tests need 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
# the explorer's browser test drives Debian's Chromium (tests/ui/test_browser.py)
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium
fi
exec .venv/bin/python -m pytest "$@"
