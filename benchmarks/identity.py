"""The text's own identity as texts arrive: without their header, in sentence case, with OCR-damaged header lines.

    .venv/bin/python benchmarks/identity.py FOLDER... [--half A|B|all] [--variants headless,sentence,ocr,nomarks]
                                            [--json] [--show N]

Real documents whose header gives their identity (``vncite extract`` finds it on the text as published) are damaged
the ways corpora damage them, and extracted again:

- ``headless``: everything above the title line is gone (issuer block, number, national name, place and date); a
  letter (no title word) starts at its salutation "Kính gửi:";
- ``sentence``: the headless text with its upper-case lines in sentence case (a word keeps its capital where the body
  writes it so: "Ủy ban nhân dân tỉnh Hà Nam") and the title joined to its subject ("Quyết định về việc …");
- ``ocr``: the whole text, with the header's number label, date line and title read as OCR reads them ("Số;",
  "$6:", "ngay22", "QUYET ĐINH");
- ``nomarks``: the whole text, the header block and title without diacritics.

For each variant: the share of texts still recognised as a document of the same type; of those, the number (where
the damaged text still writes it), the issuer (folded words) and the date (where it still stands); and the relations
whose source is the text itself that come back (recall against the undamaged text's own). The undamaged extraction is
the reference (silver), so the figure measures robustness, not correctness. ``--half``: raw texts split by the first
hex digit of their name's hash (A: 0-7, B: 8-f), so that one half is read while working and the other only measured.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import extract  # noqa: E402
from pipeline.damage import VARIANTS, damage  # noqa: E402
from pipeline.keys import fold  # noqa: E402


def half_of(path: Path) -> str:
    return "A" if hashlib.sha1(path.name.encode()).hexdigest()[0] in "01234567" else "B"


def self_edges(rec) -> set[tuple[str, str]]:
    own = {rec.document.key, rec.doc_id} - {None} if rec.document is not None else set()
    return {(r.target, r.type) for r in rec.relations if r.source in own}


def same_issuer(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    fa, fb = set(fold(a).split()), set(fold(b).split())
    return len(fa & fb) / max(1, len(fa | fb)) >= 0.5 or fold(a) in fold(b) or fold(b) in fold(a)


def measure(paths: list[Path], variants: list[str], show: int = 0) -> dict:
    stats: dict[str, Counter] = {v: Counter() for v in variants}
    misses: dict[str, list[str]] = {v: [] for v in variants}
    for p in paths:
        text = p.read_text(encoding="utf-8")
        base = extract(text, source=str(p), relation_model=None)
        if base.document is None:
            continue
        ref, edges = base.document, self_edges(base)
        for v in variants:
            dam = damage(text, v, random.Random(f"{p.name}:{v}"))
            if dam is None:
                continue
            s = stats[v]
            s["texts"] += 1
            got = extract(dam, source=str(p), relation_model=None)
            doc = got.document
            if doc is None or doc.doc_type != ref.doc_type:
                misses[v].append(f"{p.name}: expected {ref.doc_type} {ref.number}, got {doc and (doc.doc_type, doc.number)}")
            else:
                s["found"] += 1
            if ref.number and f"{ref.number}" in dam[:3000] and ref.symbol:
                s["number_checked"] += 1
                s["number_right"] += bool(doc and doc.number == ref.number and doc.symbol == ref.symbol)
            if ref.issuer:
                s["issuer_checked"] += 1
                s["issuer_right"] += bool(doc and same_issuer(doc.issuer, ref.issuer))
            if ref.date:
                d, m, y = ref.date[8:].lstrip("0"), ref.date[5:7].lstrip("0"), ref.date[:4]
                if re.search(rf"\b0?{d}\D{{1,12}}0?{m}\D{{1,12}}{y}", dam[:4000]):
                    s["date_checked"] += 1
                    s["date_right"] += bool(doc and doc.date == ref.date)
            back = self_edges(got)
            s["edges"] += len(edges)
            s["edges_back"] += len({(t, ty) for t, ty in back} & edges)
            s["edges_extra"] += len(back - edges)
    out = {}
    for v, s in stats.items():
        n = s["texts"] or 1
        out[v] = {
            "texts": s["texts"],
            "identity": round(s["found"] / n, 3),
            "number": f"{s['number_right']}/{s['number_checked']}",
            "issuer": f"{s['issuer_right']}/{s['issuer_checked']}",
            "date": f"{s['date_right']}/{s['date_checked']}",
            "self_edges_recall": round(s["edges_back"] / s["edges"], 3) if s["edges"] else None,
            "self_edges": s["edges"],
            "self_edges_extra": s["edges_extra"],
        }
        if show:
            out[v]["misses"] = misses[v][:show]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--half", choices=["A", "B", "all"], default="all")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--show", type=int, default=0, help="list up to N texts whose identity was lost, per variant")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    paths = sorted(p for f in args.folders for p in (f.rglob("*.txt") if f.is_dir() else [f]))
    if args.half != "all":
        paths = [p for p in paths if half_of(p) == args.half]
    res = measure(paths, args.variants.split(","), args.show)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        for v, r in res.items():
            print(f"{v:9} texts {r['texts']:4}  identity {r['identity']:.3f}  number {r['number']:>8}  issuer {r['issuer']:>8}  "
                  f"date {r['date']:>8}  self edges {r['self_edges_recall']} of {r['self_edges']} (+{r['self_edges_extra']})")
            for m in r.get("misses", []):
                print("   ", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
