"""Standing answers at scale, for judging by hand.

    .venv/bin/python benchmarks/standing.py sample INBOX... [--db FILE] [--n 40] [--seed 26] [--exclude IDS] [--out FILE]

Builds the inboxes into a store (``vncite build``; ``--db`` keeps it), takes the documents that a text of the batch
replaces, repeals or amends (their ending or changing clause is in the batch), draws ``--n`` of them at random (a
fixed seed; ``--exclude``: a file of crawl ids, one per line, whose texts a rule was read from), and asks the graph
for each one's standing the way staff would (``vncite query status KEY --on DATE --json``) on three dates: the day
before its first change takes effect, the day it does, and today. Each answer comes with the changes and the
evidence sentences it rests on, for judging against what the texts say (``benchmarks/judged/standing.json``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.store import connect, relations, sources  # noqa: E402


def vncite(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


def sample(inboxes: list[str], db: str, n: int, seed: int, exclude: set[str]) -> list[dict]:
    if not Path(db).exists():
        out = vncite("build", *inboxes, "--db", db)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
    engine = connect(db, readonly=True)
    with engine.connect() as conn:
        rows = conn.execute(select(relations.c.target_key, sources.c.path)
                            .join(sources, sources.c.doc_id == relations.c.doc_id)
                            .where(relations.c.type.in_(("replaces", "repeals", "amends")))).all()
    changed: dict[str, set[str]] = {}
    for key, path in rows:
        changed.setdefault(key, set()).add(Path(path).stem)
    keys = sorted(k for k, texts in changed.items() if not texts & exclude and not k.startswith(("sha256:", "error:")) and " " not in k)
    picked = random.Random(seed).sample(keys, min(n, len(keys)))
    out = []
    today = dt.date.today().isoformat()
    for key in picked:
        first = vncite("query", "status", key, "--json", "--db", db)
        state = json.loads(first.stdout)["results"][0]
        dates = sorted({c["when"]["date"] for c in state["changes"] if c["when"]["date"]})
        asked = []
        if dates:
            day = dt.date.fromisoformat(dates[0])
            asked = [(day - dt.timedelta(days=1)).isoformat(), day.isoformat()]
        answers = {}
        for on in [*asked, today]:
            res = json.loads(vncite("query", "status", key, "--on", on, "--json", "--db", db).stdout)["results"][0]
            answers[on] = res["status"]
        out.append({"key": key, "texts": sorted(changed[key]), "answers": answers,
                    "effective": state["effective"]["date"] if state.get("effective") else None,
                    "changes": [{"by": c["key"], "relation": c["relation"], "partial": c["partial"], "from": c["when"]["date"],
                                 "basis": c["when"]["basis"], "evidence": " ".join((c.get("evidence") or "").split())[:400]}
                                for c in state["changes"]]})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("inboxes", nargs="+")
    s.add_argument("--db")
    s.add_argument("--n", type=int, default=40)
    s.add_argument("--seed", type=int, default=26)
    s.add_argument("--exclude", help="a file of crawl ids (file stems) whose texts rules were read from")
    s.add_argument("--out")
    args = ap.parse_args()
    exclude = set(Path(args.exclude).read_text().split()) if args.exclude else set()
    with tempfile.TemporaryDirectory() as tmp:
        rows = sample(args.inboxes, args.db or str(Path(tmp) / "g.db"), args.n, args.seed, exclude)
    text = json.dumps(rows, ensure_ascii=False, indent=1)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
