"""Store load rate as the graph grows, and query latency on a large graph.

    .venv/bin/python benchmarks/graph.py [--db URL] [--docs 1000000] [--texts 1000]

1. ``--texts`` texts (the corpus extractions, extracted once outside the timing, loaded as distinct
   texts, one transaction each, as ``vncite batch`` loads them) into the empty store: the load
   rate at the start, the resolution pass of a last run of ``--batch`` texts (as ``vncite batch`` ends a run:
   only the short forms that run can change; the texts before it were resolved as an earlier run) and a
   whole-store pass;
2. a generated graph of ``--docs`` documents added (``pipeline.synthetic``: trees of plans
   implementing plans; every generated text also cites one of the corpus's five most cited
   documents, so each of those is cited ~``docs``/5 times);
3. ``--texts`` more texts: the load rate at the end (goal: at least 0.8x the rate at the start)
   and the resolution passes again (goal: the batch's under 0.1 s whatever the store's size);
4. query latency (median, p95) on the big graph: the transitive implements query of a 363-node
   tree (goal: under 50 ms), direct implements, cited-by and lookup.

``--db`` takes any SQLAlchemy URL of an empty database (default: a temporary SQLite file);
run it once with SQLite and once with ``postgresql://...``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ms(fn, repeat: int = 30) -> dict[str, float]:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}


def main() -> None:
    from sqlalchemy import select

    from pipeline.extract import extract_path
    from pipeline.graph import Graph
    from pipeline.store import connect, counts, documents, load_extraction, resolve_stored
    from pipeline.synthetic import doc_key, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="SQLAlchemy URL of an empty database (default: a temporary SQLite file)")
    ap.add_argument("--docs", type=int, default=100_000, help="documents of the generated graph")
    ap.add_argument("--texts", type=int, default=1000, help="texts loaded at the start and again at the end")
    ap.add_argument("--batch", type=int, default=20, help="texts of the batch whose own resolution pass is timed")
    args = ap.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/graph.db"
    extractions = [ex for ex in (extract_path(p) for p in sorted((ROOT / "corpus").glob("*/*.txt"))) if ex.status == "ok"]
    cited = Counter(m.key for ex in extractions for m in ex.references if m.key)
    hot = [k for k, _ in cited.most_common(5)]
    engine = connect(url)
    copies = iter(range(10**9))

    def load_window() -> tuple[float, float, float]:
        """Load rate, the batch's own resolution pass (as ``vncite batch`` runs it) and a whole-store pass."""
        loading = 0.0
        loaded = []
        for i in range(args.texts):
            if i == args.texts - args.batch:
                resolve_stored(engine, doc_ids=loaded)  # the runs before the last one resolved their own texts
            c = next(copies)
            ex = dataclasses.replace(extractions[i % len(extractions)], doc_id=f"{extractions[i % len(extractions)].doc_id}:{c}")
            t0 = time.perf_counter()
            load_extraction(engine, ex, f"{ex.path}#{c}")
            loading += time.perf_counter() - t0
            loaded.append(ex.doc_id)
        rate = args.texts / loading
        t0 = time.perf_counter()
        resolve_stored(engine, doc_ids=loaded[-args.batch:])  # the last run's texts, incrementally, as `vncite batch` ends
        batch_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        resolve_stored(engine)
        return rate, batch_s, time.perf_counter() - t0

    start_rate, start_batch, start_resolve = load_window()
    t0 = time.perf_counter()
    generate(engine, n_docs=args.docs, symbol="KH/SYN", cites=hot)
    t_gen = time.perf_counter() - t0
    end_rate, end_batch, end_resolve = load_window()
    size = counts(engine)

    with engine.connect() as conn:
        most_cited = dict(conn.execute(select(documents.c.key, documents.c.mention_count).where(documents.c.key.in_(hot))).all())
    g = Graph(engine)
    tree = 364 * (args.docs // 364 // 2)  # a tree in the middle of the graph: 363 descendants in 5 levels
    root, mid = doc_key(tree, "KH/SYN"), doc_key(tree + 4, "KH/SYN")
    assert len(g.implements(root, transitive=True)) == 363
    report = {
        "database": engine.dialect.name,
        "graph": size,
        "texts_per_window": args.texts,
        "most_cited_documents": most_cited,
        "load_texts_per_s_start": round(start_rate, 1),
        "load_texts_per_s_end": round(end_rate, 1),
        "end_over_start": round(end_rate / start_rate, 3),
        "goal_end_over_start": 0.8,
        "batch_resolution_s_start": round(start_batch, 3),
        "batch_resolution_s_end": round(end_batch, 3),
        "goal_batch_resolution_s": 0.1,
        "whole_store_resolution_s_start": round(start_resolve, 3),
        "whole_store_resolution_s_end": round(end_resolve, 3),
        "graph_generate_docs_per_s": round(args.docs / t_gen),
        "implements_transitive_363_results": ms(lambda: g.implements(root, transitive=True)),
        "implements_transitive_12_results": ms(lambda: g.implements(mid, transitive=True)),
        "implements_direct": ms(lambda: g.implements(root)),
        "cited_by": ms(lambda: g.cited_by(mid)),
        "lookup_typed_key": ms(lambda: g.lookup(f"Kế hoạch {tree + 40}")),
        "goal_transitive_ms": 50,
    }
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
