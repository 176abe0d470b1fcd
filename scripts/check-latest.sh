#!/usr/bin/env bash
# Drift check: install the NEWEST versions that pyproject.toml's ranges allow into a separate
# venv (.venv-latest) and run the whole suite there. Run it before refreshing the lock
# (scripts/lock.sh): a failure here is what users installing voice as a library would meet.
# Not part of .ci/run; the test command installs from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
rm -rf .venv-latest
"$PY" -m venv .venv-latest
.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade --upgrade-strategy eager -e '.[dev]'
.venv-latest/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --upgrade 'bertopic==0.17.4'
.venv-latest/bin/python -m pip freeze --exclude-editable > .venv-latest/freeze.txt
echo "check-latest: installed $(wc -l < .venv-latest/freeze.txt) packages (list in .venv-latest/freeze.txt); running the suite"
exec .venv-latest/bin/python -m pytest -p no:cacheprovider "$@"
