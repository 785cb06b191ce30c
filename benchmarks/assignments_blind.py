"""Assignments on blind texts that may not be copied into the project (news, a legal web page), scored as
``vncite evaluate`` scores them.

    .venv/bin/python benchmarks/assignments_blind.py [--raw ../shared/corpus/raw]

Reads the gold in ``benchmarks/judged/assignments_blind.json`` (annotated by the project before the finder ran on
the texts; their first runs are recorded there) and the texts from the crawl, and prints precision, recall and
deadlines per text and pooled. Prints what is missing and stops when the crawl is not at hand.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import extract_path  # noqa: E402
from pipeline.scorer_assignments import score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "corpus" / "raw")
    args = parser.parse_args()
    judged = json.loads((ROOT / "benchmarks" / "judged" / "assignments_blind.json").read_text(encoding="utf-8"))
    missing = [t["crawl"] for t in judged["texts"] if not (args.raw / t["crawl"]).is_file()]
    if missing:
        print(f"the crawl is not at hand ({args.raw}): {', '.join(missing)}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        gold, pred = Path(tmp) / "gold", Path(tmp) / "pred.jsonl"
        gold.mkdir()
        with pred.open("w", encoding="utf-8") as out:
            for t in judged["texts"]:
                name = Path(t["crawl"]).name
                (gold / f"{Path(name).stem}.json").write_text(json.dumps(
                    {"doc": name, "annotated": ["assignments"], "assignments": t["assignments"]}, ensure_ascii=False), encoding="utf-8")
                out.write(json.dumps(extract_path(args.raw / t["crawl"]).to_json(), ensure_ascii=False) + "\n")
        result = score(str(gold), str(pred))
    for line in result["per_text"]:
        print(line)
    print(f"pooled: P {result['precision']:.3f} R {result['recall']:.3f} (matched {result['matched']}, predicted "
          f"{result['pred']}, gold {result['gold']}); deadlines right {result['due_right']}/{result['due_checked']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
