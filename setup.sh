#!/usr/bin/env bash
# Set up vncite in ./.venv (Python 3.11+) and run it on the sample corpus.
set -euo pipefail
cd "$(dirname "$0")"
PY=${PYTHON:-python3}
# OCR needs Tesseract and its Vietnamese model (Debian packages); skipped with a warning if it cannot install
bash .ci/system-packages.sh || echo "warning: could not install tesseract-ocr tesseract-ocr-vie fonts-dejavu-core; OCR will be unavailable" >&2
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[dev]"
mkdir -p out
.venv/bin/vncite extract corpus/seeds corpus/cases corpus/dev corpus/dev2 corpus/dev3 > out/corpus.jsonl
echo "wrote out/corpus.jsonl ($(wc -l < out/corpus.jsonl) documents); scored against corpus/gold:"
.venv/bin/python tests/score.py --gold corpus/gold --pred out/corpus.jsonl
