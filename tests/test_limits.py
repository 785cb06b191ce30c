"""A hostile inbox and a growing graph: each numbered finding of the reliability review, on files
the tests generate (nothing large is kept in git)."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline import extract_path
from pipeline.extract import extract
from pipeline.ingest import ingest
from pipeline.store import connect, documents, load_extraction, mentions, resolve_corpus, sources

ROOT = Path(__file__).resolve().parent.parent
VNCITE = [sys.executable, "-m", "pipeline.cli"]


def vncite(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([*VNCITE, *args], capture_output=True, text=True, cwd=cwd, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})


# --- 9. document aggregates are kept incrementally -------------------------------------------------


def _documents_from_scratch(conn) -> dict[str, dict]:
    """The documents rows as the rule defines them, recomputed from every mention: the most frequent
    value in the document's own header, else among full references if any, else among all mentions;
    ties to the value seen first."""
    rows = conn.execute(select(mentions, sources.c.ingested_at).join(sources, sources.c.doc_id == mentions.c.doc_id)
                        .order_by(mentions.c.id)).mappings().all()
    by_key = defaultdict(list)
    for r in rows:
        by_key[r["key"]].append(r)

    def common(rs, col):
        c = Counter(r[col] for r in rs if r[col] not in (None, ""))
        return c.most_common(1)[0][0] if c else None  # Counter keeps first-seen order among ties

    out = {}
    for key, rs in by_key.items():
        ident = [r for r in rs if r["form"] == "identity"]
        best = [r for r in rs if r["form"] in ("identity", "full")] or rs
        out[key] = {col: common(ident, col) or common(best, col) for col in ("doc_type", "number", "symbol", "year", "date", "issuer", "title")}
        out[key].update(first_seen=min(r["ingested_at"] for r in rs), last_seen=max(r["ingested_at"] for r in rs),
                        mention_count=sum(r["form"] != "identity" for r in rs))
    return out


def test_document_rows_kept_incrementally_equal_a_recomputation(corpus, db_url):
    """Texts loaded, some replaced by changed copies, one replaced by a failure, short forms resolved
    across the store: the documents rows kept from counts equal the rule applied to every mention."""
    engine = connect(db_url)
    texts = sorted((corpus / "dev2").glob("*.txt"))[:8] + sorted((corpus / "seeds").glob("*.txt"))
    for p in texts:
        load_extraction(engine, extract_path(p), str(p))
    for p in texts[:3]:  # the file changes: its old rows go, its new rows come
        changed = extract(p.read_text(encoding="utf-8") + "\nThực hiện Kết luận số 120-KL/TW của Bộ Chính trị.", source=str(p))
        load_extraction(engine, changed, str(p))
    failed = copy.copy(extract_path(texts[3]))
    failed.status, failed.error, failed.doc_id = "error", "unreadable", "error:x"
    load_extraction(engine, failed, str(texts[3]))
    resolve_corpus(engine)
    with engine.connect() as conn:
        want = _documents_from_scratch(conn)
        have = {r["key"]: {k: r[k] for k in next(iter(want.values()))} for r in conn.execute(select(documents)).mappings()}
    assert len(have) > 50 and have == want
