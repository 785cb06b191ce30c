"""Quality against gold annotations: the shared scorer's figures (``scorer.py``, the shared
``tools/score.py`` vendored verbatim) and, beside them, precision and recall per relation type,
matched the scorer's way (one-to-one maximum matching, keys compared as the scorer compares them).

    vncite evaluate --gold corpus/gold corpus/dev corpus/dev2 [--json]
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import scorer, scorer_assignments

RELATION_TYPES = ("implements", "based_on", "amends", "replaces", "repeals", "guides")


def _relation_tuples(gold: dict, pred: dict) -> tuple[list[tuple], list[tuple]]:
    """Gold and predicted relations as (source, target, type) with keys parsed as the scorer parses them."""
    self_key = None
    if gold.get("self"):
        s = scorer.Ref(gold["self"])
        self_key = (s.number, s.year, s.symbol, None)
    pdoc = pred.get("document") or {}
    pred_self = {pdoc.get("key"), pred.get("doc_id"), "self"} - {None}

    def gkey(k: str) -> Any:
        return self_key if k == "self" else scorer.parse_key(k)

    def pkey(k: str) -> Any:
        return self_key if (k in pred_self and self_key) else scorer.parse_key(k)

    grels = [(gkey(r["source"]), gkey(r["target"]), r["type"]) for r in gold.get("relations", [])]
    prels = sorted({(r.get("source"), r.get("target"), r.get("type")) for r in pred.get("relations", []) or []}, key=str)
    return grels, [(pkey(s), pkey(t), ty) for s, t, ty in prels]


def _matched(gsel: list[tuple], psel: list[tuple]) -> int:
    owner: dict[int, int] = {}

    def fits(g: tuple, p: tuple) -> bool:
        return g[2] == p[2] and scorer.keys_compatible(g[0], p[0]) and scorer.keys_compatible(g[1], p[1])

    def augment(gi: int, seen: set[int]) -> bool:
        for i, p in enumerate(psel):
            if i not in seen and fits(gsel[gi], p):
                seen.add(i)
                if i not in owner or augment(owner[i], seen):
                    owner[i] = gi
                    return True
        return False

    for gi in range(len(gsel)):
        augment(gi, set())
    return len(owner)


def per_type(gold_dir: str | Path, pred_path: str | Path) -> dict[str, dict[str, Any]]:
    """Relation precision, recall and F1 for each type."""
    preds = scorer.load_pred(str(pred_path))
    counts = {t: [0, 0, 0] for t in RELATION_TYPES}
    for gf in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        pred = preds.get(Path(gold["doc"]).stem, {})
        grels, prels = _relation_tuples(gold, pred)
        for t in RELATION_TYPES:
            gsel = [r for r in grels if r[2] == t]
            psel = [r for r in prels if r[2] == t]
            counts[t][0] += _matched(gsel, psel)
            counts[t][1] += len(psel)
            counts[t][2] += len(gsel)
    return {t: scorer.prf(*v) for t, v in counts.items()}


def _paths(pinpoints: list) -> set[tuple]:
    return {tuple((p["part"], str(p["value"]).upper()) for p in path) for path in pinpoints or []}


def pinpoints_and_dates(gold_dir: str | Path, pred_path: str | Path) -> dict[str, dict[str, Any]]:
    """Precision and recall of relations' pinpoint paths and of the texts' own dates of effect, on the gold files
    that declare them annotated (``"annotated": ["pinpoints", "effective"]``; ``gold/README.md``, "Pinpoints and
    dates of effect"). A pinpoint counts on a relation matched by its two ends and type (keys compared as the
    scorer compares them); a date of effect counts when the text's own ``document.effective.date`` equals gold's."""
    preds = scorer.load_pred(str(pred_path))
    pin = [0, 0, 0]
    eff = [0, 0, 0]
    for gf in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gf.read_text(encoding="utf-8"))
        annotated = set(gold.get("annotated", []))
        pred = preds.get(Path(gold["doc"]).stem, {})
        if "pinpoints" in annotated:
            grels, prels = _relation_tuples(gold, pred)
            gpins = [_paths(r.get("pinpoints")) for r in gold.get("relations", [])]
            raw = sorted({(r.get("source"), r.get("target"), r.get("type")): r for r in pred.get("relations", []) or []}.items(), key=str)
            ppins = [_paths(r.get("pinpoints")) for _, r in raw]
            used: set[int] = set()
            for gi, g in enumerate(grels):
                match = next((i for i, p in enumerate(prels) if i not in used and g[2] == p[2] and scorer.keys_compatible(g[0], p[0])
                              and scorer.keys_compatible(g[1], p[1])), None)
                if match is not None:
                    used.add(match)
                    pin[0] += len(gpins[gi] & ppins[match])
            pin[1] += sum(len(p) for p in ppins)
            pin[2] += sum(len(g) for g in gpins)
        if "effective" in annotated:
            want = ((gold.get("self") or {}).get("effective") or {}).get("date")
            got = (((pred.get("document") or {}).get("effective")) or {}).get("date")
            eff[0] += int(bool(want) and want == got)
            eff[1] += int(bool(got))
            eff[2] += int(bool(want))
    return {"pinpoints": scorer.prf(*pin), "effective": scorer.prf(*eff)}


def evaluate(gold_dir: str | Path, records: Iterable[dict]) -> dict[str, Any]:
    """The scorer's result for output records (CONTRACT.md dicts), with ``relations_by_type``, ``pinpoints`` and
    ``effective`` added, and ``assignments`` (the shared assignment scorer's figures) when the gold annotates them."""
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        with pred.open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        result, _ = scorer.score(str(gold_dir), str(pred))
        result["relations_by_type"] = per_type(gold_dir, pred)
        result.update(pinpoints_and_dates(gold_dir, pred))
        if any("assignments" in json.loads(f.read_text(encoding="utf-8")) for f in Path(gold_dir).glob("*.json")):
            # the shared assignment scorer's figures: matched by task words and lead, one-to-one; deadline dates compared
            result["assignments"] = scorer_assignments.score(str(gold_dir), str(pred))
    return result


def report(result: dict[str, Any]) -> str:
    """The scorer's printout, then one line per relation type."""
    lines = []
    for k in ("refs", "named", "tasks", "relations", "implements"):
        v = result[k]
        lines.append(f"{k:11s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    lines.append(f"refs macro F1 (mean over documents) {result['refs_macro_f1']}")
    lines.append("fields      " + " ".join(f"{k}={v}" for k, v in result["fields"].items()))
    lines.append(f"self_identity {result['self_identity']}  task_list_exact_count {result['task_list_exact_count']}")
    if result["documents_missing"]:
        lines.append("missing: " + " ".join(result["documents_missing"]))
    for k in ("pinpoints", "effective"):
        v = result.get(k)
        if v and (v["gold"] or v["pred"]):
            lines.append(f"{k:11s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    a = result.get("assignments")
    if a:
        lines.append(f"assignments P={a['precision']:.3f} R={a['recall']:.3f} F1={a['f1']:.3f}  (matched={a['matched']} pred={a['pred']} "
                     f"gold={a['gold']}); deadlines right {a['due_right']}/{a['due_checked']}")
    lines.append("relations by type:")
    for t, v in result["relations_by_type"].items():
        lines.append(f"  {t:11s} P={v['precision']:.3f} R={v['recall']:.3f} F1={v['f1']:.3f}  (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    return "\n".join(lines)
