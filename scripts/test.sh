#!/usr/bin/env bash
# Install everything into .venv (with the Spark extra: its tests run on local[2] and need Java 17),
# then run the whole test suite (PostgreSQL tests need 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev --extra spark
# the explorer's browser test drives Debian's Chromium (tests/ui/test_browser.py)
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium
fi
# the Spark engine's tests (tests/engines) run Spark on local[2], which needs a Java 17 runtime
if ! command -v java >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq openjdk-17-jre-headless
fi
exec .venv/bin/python -m pytest "$@"
