"""Keys report: over a batch, the keys that share a number and a year, and how many are one document written two ways.

    .venv/bin/python benchmarks/keys.py INBOX... [--from EXTRACTED.jsonl] [--show 40] [--json]

Every full reference of the batch (``vncite extract`` of the folders, or a JSON Lines file it wrote) gives a key; keys
are grouped by number, year and type family. Inside a group, two keys are counted as one document split in two
(``split``) when their symbols differ only by the ways symbols get written wrong: separators ("NĐCP"), D for Đ, an "&",
a cut issuer (one symbol's codes a prefix of the other's), a legislature term, letters glued on; otherwise as two
documents (``distinct``: same number and year, another type or issuer, which must stay apart). Also counted: keys whose
code is a form's, an account's or a template's ("S03-DN"), and the mentions the grammar repaired, by repair. The
``split`` pairs are listed for judging by hand; the judged sample of the raw crawl is in ``benchmarks/judged/keys.json``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.keys import fold, parse_key  # noqa: E402
from pipeline.tables import type_family  # noqa: E402


def records(folders: list[str], jsonl: str | None) -> list[dict]:
    if jsonl:
        with open(jsonl, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    out = subprocess.run([sys.executable, "-m", "pipeline", "extract", *folders], capture_output=True, text=True, cwd=ROOT, check=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def _flat(codes: tuple[str, ...]) -> str:
    return fold("".join(codes)).replace(" ", "")


def same_document(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two symbols' codes can be one symbol written two ways."""
    fa, fb = _flat(a), _flat(b)
    if fa == fb:
        return True  # separators, D/Đ, "&", case
    if a[: len(b)] == b or b[: len(a)] == a:
        return True  # a cut issuer: NĐ beside NĐ-CP, QH beside QH15
    strip = [re.sub(r"\d+$", "", _flat(x)) for x in (a, b)]
    if strip[0] == strip[1]:
        return True  # another legislature term: QH11 beside QH12
    return fa.startswith(fb) or fb.startswith(fa)  # letters glued on: CPV beside CP


def report(recs: list[dict], show: int) -> dict:
    keys: Counter[str] = Counter()
    types: dict[str, str] = {}
    repairs: Counter[str] = Counter()
    for r in recs:
        for m in r.get("references") or []:
            for x in m.get("repairs") or []:
                repairs[x] += 1
            if m.get("form") == "full" and m.get("key") and not m.get("self"):
                keys[m["key"]] += 1
                types.setdefault(m["key"], m["doc_type"])
    groups: dict[tuple, list[str]] = defaultdict(list)
    for k in keys:
        p = parse_key(k)
        if p and p.codes:
            groups[(p.number, p.year, type_family(types[k]))].append(k)
    split, distinct = [], 0
    for ks in groups.values():
        for a, b in combinations(sorted(ks), 2):
            pa, pb = parse_key(a), parse_key(b)
            if same_document(pa.codes, pb.codes):  # type: ignore[union-attr, arg-type]
                split.append((a, keys[a], b, keys[b]))
            else:
                distinct += 1
    forms = [k for k in keys if re.search(r"(?:^|[-/])[A-Z]\d{2}[a-z]?-DNN?\b", k)]
    out = {"texts": len(recs), "keys": len(keys), "mentions": sum(keys.values()),
           "groups_with_several_keys": sum(1 for ks in groups.values() if len(ks) > 1),
           "split_pairs": len(split), "distinct_pairs": distinct, "form_codes_as_documents": len(forms),
           "repairs": dict(repairs.most_common())}
    out["split"] = [f"{a} ({na}) ~ {b} ({nb})" for a, na, b, nb in sorted(split, key=lambda x: -(x[1] + x[3]))[:show]]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*")
    ap.add_argument("--from", dest="jsonl", help="read this vncite extract output instead of extracting the folders")
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if not args.folders and not args.jsonl:
        ap.error("give folders or --from")
    res = report(records(args.folders, args.jsonl), args.show)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    for k, v in res.items():
        if k != "split":
            print(f"{k}: {v}")
    print("split pairs (one document, two keys?):")
    for line in res["split"]:
        print("  ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
