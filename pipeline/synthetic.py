"""A synthetic citation graph of any size, written straight into a store, for tests and
benchmarks: forests of plans implementing plans (fan-out 3), each document with its own
text, plus 'cites' mentions between neighbouring trees."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert
from sqlalchemy.engine import Engine

from .store import documents, mentions, relations, sources


def doc_key(i: int) -> str:
    return f"{i:02d}-KH/TU"


def generate(engine: Engine, n_docs: int = 100_000, tree_size: int = 364, fanout: int = 3, batch: int = 20_000) -> None:
    """Documents 0..n-1; in each tree of ``tree_size`` nodes, node j>0 implements node (j-1)//fanout."""
    now = dt.datetime(2026, 1, 1).isoformat()
    for lo in range(0, n_docs, batch):
        hi = min(n_docs, lo + batch)
        src, docs, ment, rels = [], [], [], []
        for i in range(lo, hi):
            key = doc_key(i)
            did = f"synthetic:{i}"
            src.append(dict(doc_id=did, path=f"synthetic/{i}.txt", kind="directive", status="ok", self_key=key, ingested_at=now))
            docs.append(dict(key=key, doc_type="Kế hoạch", number=str(i), symbol="KH/TU", year=2020, date="2020-01-01",
                             issuer="Ban Thường vụ Tỉnh ủy", first_seen=now, last_seen=now, mention_count=1))
            ment.append(dict(doc_id=did, key=key, raw_key=key, doc_type="Kế hoạch", number=str(i), symbol="KH/TU", form="identity",
                             surface="", start=0, end=0, resolved=True, is_self=True, sentence=None))
            j = i % tree_size
            if j:
                parent = doc_key(i - j + (j - 1) // fanout)
                ment.append(dict(doc_id=did, key=parent, raw_key=parent, doc_type="Kế hoạch", number=parent.split("-")[0], symbol="KH/TU",
                                 form="full", surface=f"Kế hoạch số {parent}",
                                 start=10, end=30, resolved=False, is_self=False, sentence=f"Thực hiện Kế hoạch số {parent}"))
                rels.append(dict(doc_id=did, source_key=key, target_key=parent, raw_source=key, raw_target=parent, type="implements",
                                 confidence=0.9, start=0, end=30, evidence=f"Thực hiện Kế hoạch số {parent}, ban hành Kế hoạch {key}",
                                 rule="synthetic"))
        with engine.begin() as conn:
            conn.execute(insert(sources), src)
            conn.execute(insert(documents), docs)
            conn.execute(insert(mentions), ment)
            if rels:
                conn.execute(insert(relations), rels)
