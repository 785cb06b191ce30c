#!/usr/bin/env bash
# Set up vncite in ./.venv (Python 3.11+) and run it on the sample corpus.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[dev]"
mkdir -p out
.venv/bin/vncite extract corpus/seeds corpus/cases corpus/dev > out/corpus.jsonl
echo "wrote out/corpus.jsonl ($(wc -l < out/corpus.jsonl) documents); scored against corpus/gold:"
.venv/bin/python tests/score.py --gold corpus/gold --pred out/corpus.jsonl
