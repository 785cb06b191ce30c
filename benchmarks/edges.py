"""The graph's edges end to end and at scale.

    .venv/bin/python benchmarks/edges.py answered --texts corpus/dev3 --gold corpus/gold
    .venv/bin/python benchmarks/edges.py sample INBOX... [--from EXTRACTED.jsonl] [--type implements] [--n 30] [--seed 1] [--out FILE]

``answered``: builds the texts into a fresh store (``vncite build``) and, for every implements edge their gold
states, asks the graph what implements the target (``vncite query implements TARGET --json``, as staff would):
the share of stated edges the graph answers with the right source.

``sample``: extracts every text of the inboxes (a raw batch), keeps the relations of one type and draws ``--n``
of them at random (a fixed seed), each with its text's name and the evidence sentence, for judging by hand
against the annotation guide (``corpus/gold/GUIDE.md``). The judged samples and their precision are in
``benchmarks/judged/`` and the README.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import scorer  # noqa: E402


def vncite(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, cwd=ROOT)


def answered(texts: list[Path], gold_dir: Path) -> dict:
    """Stated implements edges (gold) that ``vncite query implements`` answers after ``vncite build``."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "g.db")
        out = vncite("build", *map(str, texts), "--db", db)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        extracted = {json.loads(line)["source"]: json.loads(line) for line in
                     vncite("extract", *map(str, texts)).stdout.splitlines()}
        edges, hits, misses = 0, 0, []
        for gold_file in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            rec = next((r for s, r in extracted.items() if Path(s).stem == gold_file.stem), None)
            if rec is None:
                continue
            self_key = (rec.get("document") or {}).get("key") or rec.get("doc_id")
            for rel in gold["relations"]:
                if rel["type"] != "implements" or rel["target"] == "self":
                    continue
                edges += 1
                target = scorer.parse_key(rel["target"])
                source = scorer.parse_key(rel["source"]) if rel["source"] != "self" else None
                # ask for the target the way the store keys it: the extracted key that matches the gold one
                keys = {m["key"] for m in rec["references"] if scorer.keys_compatible(target, scorer.parse_key(m["key"]))}
                found = False
                for key in keys:
                    res = vncite("query", "implements", key, "--db", db, "--json")
                    results = json.loads(res.stdout or '{"results": []}')["results"] if res.returncode in (0, 1) else []
                    for hit in results:
                        if (source is None and hit["key"] == self_key) or (source is not None and scorer.keys_compatible(
                                source, scorer.parse_key(hit["key"]))):
                            found = True
                if found:
                    hits += 1
                else:
                    misses.append(f"{gold_file.stem}: {rel['source']} -> {rel['target']}")
        return {"edges": edges, "answered": hits, "share": round(hits / edges, 3) if edges else None, "misses": misses}


def sample(inboxes: list[Path], typ: str, n: int, seed: int, extracted: Path | None = None) -> list[dict]:
    """``n`` relations of type ``typ`` drawn at random from the extraction of the inboxes (or of a saved
    ``vncite extract --with-text`` output)."""
    rels = []
    lines = extracted.read_text(encoding="utf-8").splitlines() if extracted else vncite("extract", "--with-text", *map(str, inboxes)).stdout.splitlines()
    for line in lines:
        rec = json.loads(line)
        text = rec.get("text") or ""
        for r in rec["relations"]:
            if r["type"] == typ:
                lo = text.rfind("\n", 0, r["start"]) + 1
                rels.append({"text": Path(rec["source"]).name, "source": r["source"], "target": r["target"],
                             "evidence": " ".join(text[max(lo, r["start"] - 200): r["end"] + 60].split())})
    random.Random(seed).shuffle(rels)
    return rels[:n] if n else rels


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("answered")
    a.add_argument("--texts", nargs="+", type=Path, required=True)
    a.add_argument("--gold", type=Path, required=True)
    s = sub.add_parser("sample")
    s.add_argument("inboxes", nargs="*", type=Path)
    s.add_argument("--from", dest="extracted", type=Path, help="a saved 'vncite extract --with-text' output instead of the inboxes")
    s.add_argument("--type", default="implements")
    s.add_argument("--n", type=int, default=30)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--out", type=Path)
    args = ap.parse_args()
    if args.cmd == "answered":
        print(json.dumps(answered(args.texts, args.gold), ensure_ascii=False, indent=1))
    else:
        drawn = sample(args.inboxes, args.type, args.n, args.seed, args.extracted)
        blob = json.dumps(drawn, ensure_ascii=False, indent=1)
        if args.out:
            args.out.write_text(blob + "\n", encoding="utf-8")
        print(blob)


if __name__ == "__main__":
    main()
