#!/usr/bin/env bash
# Install everything into .venv, then run the whole test suite (PostgreSQL tests need 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/python -m pytest "$@"
