"""Store load rate and query latency on a 100,000-document graph.

    .venv/bin/python benchmarks/graph.py [--db sqlite:///...] [--docs 100000]

Load rate: extractions of the corpus texts (extracted once, outside the timing) loaded as
distinct texts, one transaction each, then the corpus-wide resolution pass. Query latency:
median and p95 over repeated queries on the generated graph (``pipeline.synthetic``);
goal: a transitive implements query under 50 ms on SQLite.
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ms(fn, repeat: int = 30) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}


def main() -> None:
    from pipeline.extract import extract_path
    from pipeline.graph import Graph
    from pipeline.store import connect, load_extraction, resolve_corpus
    from pipeline.synthetic import doc_key, generate

    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="SQLAlchemy URL of an empty database (default: a temporary SQLite file)")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--copies", type=int, default=20, help="copies of the corpus loaded for the load rate")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp()
    load_url = f"sqlite:///{tmp}/load.db"
    graph_url = args.db or f"sqlite:///{tmp}/graph.db"

    extractions = [extract_path(p) for p in sorted((ROOT / "corpus").glob("*/*.txt"))]
    engine = connect(load_url)
    t0 = time.perf_counter()
    n = 0
    for c in range(args.copies):
        for ex in extractions:
            e = copy.copy(ex)
            e.doc_id = f"{ex.doc_id}:{c}"
            load_extraction(engine, e, f"{ex.path}#{c}")
            n += 1
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    resolve_corpus(engine)
    t_resolve = time.perf_counter() - t0

    g_engine = connect(graph_url)
    t0 = time.perf_counter()
    generate(g_engine, n_docs=args.docs)
    t_gen = time.perf_counter() - t0
    g = Graph(g_engine)
    root = doc_key(364 * 100)
    mid = doc_key(364 * 100 + 4)
    report = {
        "load_texts": n,
        "load_texts_per_s": round(n / t_load, 1),
        "corpus_resolution_s": round(t_resolve, 3),
        "graph_documents": args.docs,
        "graph_generate_docs_per_s": round(args.docs / t_gen),
        "implements_transitive_363_results": ms(lambda: g.implements(root, transitive=True)),
        "implements_transitive_12_results": ms(lambda: g.implements(mid, transitive=True)),
        "implements_direct": ms(lambda: g.implements(root)),
        "cited_by": ms(lambda: g.cited_by(mid)),
        "lookup_typed_key": ms(lambda: g.lookup("Kế hoạch 36404")),
        "goal_transitive_ms": 50,
        "database": g_engine.dialect.name,
    }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
