"""The coverage threshold, measured: how well "a plan's task takes up a directive's task" (TF-IDF cosine over
underthesea's words, ``pipeline/graph/coverage.py``) agrees with judgments by hand.

    .venv/bin/python benchmarks/coverage.py [--json]

Builds ``corpus/coverage/`` (Quyết định 2530/QĐ-TTg and the two texts of the crawl that act on it) into a temporary
store, scores each task of the directive against each text's tasks, and prints precision, recall and F1 of "taken up"
at each threshold against ``benchmarks/judged/coverage.json``, then the threshold in use.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.graph import Graph  # noqa: E402
from pipeline.graph.coverage import THRESHOLD, similarity, tasks_of  # noqa: E402
from pipeline.ingest import ingest  # noqa: E402
from pipeline.store import connect, sources  # noqa: E402


def scored() -> list[tuple[float, bool]]:
    """(best similarity of the text's tasks to a directive task, judged taken up) for every judgment."""
    judged = json.loads((ROOT / "benchmarks" / "judged" / "coverage.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        engine = connect(f"sqlite:///{tmp}/c.db")
        ingest([ROOT / "corpus" / "coverage"], engine, workers=0, quiet=True)
        graph = Graph(engine)
        with engine.connect() as conn:
            ids = {Path(p).name: (d, k) for p, d, k in conn.execute(sources.select().with_only_columns(
                sources.c.path, sources.c.doc_id, sources.c.self_key))}
        mine = tasks_of(graph, judged["directive"])
        out = []
        for pair in judged["pairs"]:
            doc_id, key = ids[pair["plan_file"]]
            theirs = tasks_of(graph, key or doc_id)
            sims = similarity([t.text for t in mine], [t.text for t in theirs])
            best = {t.text[:60]: max(row, default=0.0) for t, row in zip(mine, sims, strict=True)}
            out += [(best.get(j["task"], 0.0), j["taken_up"]) for j in pair["judgments"]]
        engine.dispose()
    return out


def table(points: list[tuple[float, bool]]) -> list[dict]:
    rows = []
    for t in [x / 100 for x in range(10, 52, 2)]:
        tp = sum(s >= t and y for s, y in points)
        fp = sum(s >= t and not y for s, y in points)
        fn = sum(s < t and y for s, y in points)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append({"threshold": t, "precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
                     "tp": tp, "fp": fp, "fn": fn})
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    points = scored()
    rows = table(points)
    if args.json:
        print(json.dumps({"judgments": len(points), "taken_up": sum(y for _, y in points), "in_use": THRESHOLD, "table": rows}, indent=1))
        return
    print(f"{len(points)} judgments, {sum(y for _, y in points)} taken up; threshold in use {THRESHOLD}")
    for r in rows:
        mark = " <" if abs(r["threshold"] - THRESHOLD) < 1e-9 else ""
        print(f"  {r['threshold']:.2f}  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}  (tp={r['tp']} fp={r['fp']} fn={r['fn']}){mark}")


if __name__ == "__main__":
    main()
