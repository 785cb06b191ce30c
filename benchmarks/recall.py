"""Recall report: every clause with a relation cue and a numbered document after it that yields no relation, counted
by cue and form, so that what the relation finder misses is counted, not guessed.

    .venv/bin/python benchmarks/recall.py INBOX... [--sample 40] [--seed 1] [--json] [--out FILE]

A *cue clause* is a relation verb of ``data/relations.json`` (not inside a reference) followed, in the same sentence
and within 250 characters, by a numbered document. It is *explained* when the extraction has a relation whose
evidence span holds the verb, or a relation of the verb's type that the document takes part in (a relation stated
twice is kept once). "Căn cứ" in a text that is no document of its own (an article, an explainer) is left out. The unexplained ones are grouped by
verb type and by form: the verb leading its clause or not, and the words between the verb and the document (folded,
digits and names collapsed), with how many texts each form comes from. ``--sample`` draws unexplained clauses at
random, with their sentence, for judging by hand: either a relation the guide (``corpus/gold/GUIDE.md``) states
and the finder missed, or rightly none (a future task, a body applying rules, a noun "hướng dẫn" …). The judged
samples are in ``benchmarks/judged/recall*.json``.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import extract_path  # noqa: E402
from pipeline.find.lexicon import cue_types, relation_table, verb_start  # noqa: E402
from pipeline.keys import fold  # noqa: E402

REACH = 250


def _form(between: str) -> str:
    words = fold(re.sub(r"\d+", "N", between)).split()
    return " ".join(words[:4]) + (" …" if len(words) > 4 else "")


def cue_clauses(ex) -> list[dict]:  # noqa: ANN001
    """The cue clauses of one extraction, each with whether it is explained."""
    t = ex.text or ""
    tab = relation_table()
    ms = sorted(ex.references, key=lambda m: m.start)
    starts = [m.start for m in ms]
    spans = [(m.start, m.end) for m in ms]
    out = []
    for vm in tab["verb"].finditer(t):
        pos = vm.start("verbs")
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and spans[i][0] <= pos < spans[i][1]:
            continue  # a type word inside a reference
        types, _ = cue_types(vm.group("verbs"))
        if not types:
            continue
        j = bisect.bisect_left(starts, vm.end())
        if j >= len(ms) or ms[j].start - vm.end() > REACH:
            continue
        target = ms[j]
        between = t[vm.end() : target.start]
        if re.search(r"[.!?]\s|\n\s*\n", between):
            continue  # another sentence
        start = verb_start(t, vm.start())
        # a relation stated again is kept once: any relation of the verb's type that the document takes part in explains it
        explained = any(r.start <= start <= r.end or r.start <= pos <= r.end for r in ex.relations) or any(
            target.key in (r.target, r.source) and r.type in types for r in ex.relations)
        if not explained and types == ["based_on"] and ex.document is None:
            continue  # "Căn cứ …" in an article or explainer: no text of its own to be based on anything
        line_lo = t.rfind("\n", 0, start) + 1
        lead = re.fullmatch(r"[\s*#|>+\-•_\d.)a-zđIVX]*", t[line_lo:start]) is not None
        s_lo = max(t.rfind(". ", 0, start) + 2, line_lo, start - 300)
        out.append({"types": "+".join(types), "lead": lead, "form": _form(between), "explained": explained,
                    "kind": ex.kind, "sentence": t[s_lo : min(len(t), target.end + 80)].replace("\n", " "), "target": target.key})
    return out


def report(paths: list[Path], sample: int, seed: int) -> dict:
    by_form: Counter[tuple[str, bool, str]] = Counter()
    texts_of: dict[tuple[str, bool, str], set[str]] = defaultdict(set)
    total = unexplained = 0
    pool = []
    for p in paths:
        ex = extract_path(p, relation_model=None)
        if ex.status != "ok":
            continue
        for c in cue_clauses(ex):
            total += 1
            if c["explained"]:
                continue
            unexplained += 1
            k = (c["types"], c["lead"], c["form"])
            by_form[k] += 1
            texts_of[k].add(p.name)
            pool.append({"text": p.name, **{x: c[x] for x in ("types", "lead", "form", "kind", "target", "sentence")}})
    rng = random.Random(seed)
    forms = [{"types": k[0], "lead": k[1], "form": k[2], "clauses": n, "texts": len(texts_of[k])} for k, n in by_form.most_common()]
    return {"texts": len(paths), "cue_clauses": total, "unexplained": unexplained,
            "unexplained_share": round(unexplained / total, 3) if total else None,
            "forms": forms, "sample": rng.sample(pool, min(sample, len(pool)))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inboxes", nargs="+", type=Path)
    ap.add_argument("--sample", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--out", type=Path, help="also write the report (with the sample) as JSON here")
    args = ap.parse_args(argv)
    paths = sorted(p for d in args.inboxes for p in (d.rglob("*") if d.is_dir() else [d]) if p.is_file() and p.suffix == ".txt")
    res = report(paths, args.sample, args.seed)
    if args.out:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    print(f"texts {res['texts']}  cue clauses {res['cue_clauses']}  unexplained {res['unexplained']} ({res['unexplained_share']})")
    for f in res["forms"][: args.top]:
        print(f"{f['clauses']:5} in {f['texts']:4} texts  {f['types']:<22} {'lead' if f['lead'] else '    '}  {f['form']}")
    print("sample:")
    for s in res["sample"]:
        print(f"- [{s['types']}{' lead' if s['lead'] else ''}] {s['text']}: {s['sentence'][:260]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
